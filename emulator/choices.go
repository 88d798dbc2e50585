package emulator

import "fmt"

// Choices are the behaviours the emulator picks where the vendor's pages leave them open
// (docs/emulator.md lists each one, with both of its behaviours). Every field is false (or its
// zero) in the default profile; AlternateChoices flips every one to a second behaviour that
// keeps every documented promise, so that a suite which passes against both profiles insists
// on no choice of the emulator. Each field names its docs/emulator.md row and its errata entry.
type Choices struct {
	// Gateway

	// SignatureBeforeSDKAppID checks identifier, usersig and the UserSig (checks 6-7) before
	// sdkappid (check 3). Gateway table, checks 3 and 6-7; errata E-03.
	SignatureBeforeSDKAppID bool
	// GenericSignatureCodes answers every UserSig failure with 60004 (the overview's code)
	// instead of the precise 700xx code. Gateway check 7; errata E-01.
	GenericSignatureCodes bool
	// FirstSchemaProblemOnly lists one schema problem in a refusal's ErrorInfo instead of up to
	// 20. Gateway, "A refusal's ErrorInfo"; errata E-02 (not asserted).
	FirstSchemaProblemOnly bool

	// Accounts

	// ReimportKeepsProfile keeps the nickname and avatar of an account imported again instead
	// of updating them. Accounts, account_import; errata E-15.
	ReimportKeepsProfile bool
	// FailAccountsAbsentWhenEmpty leaves multiaccount_import's FailAccounts out when no account
	// failed instead of answering []. Accounts, multiaccount_import; schema comment (optional).
	FailAccountsAbsentWhenEmpty bool
	// DeleteUnknownAccountSucceeds answers account_delete of an account never imported with
	// ResultCode 0 instead of 70107. Accounts, account_delete; errata E-15.
	DeleteUnknownAccountSucceeds bool

	// Rooms

	// OwnerCheckedBeforeID checks that the owner is imported before the room ID checks
	// (100003/100010/100011/100012) in create_room of both families. Rooms and Live rooms,
	// "create checks, in order"; errata E-05, E-06.
	OwnerCheckedBeforeID bool
	// PastStartRefused refuses a ScheduleStartTime more than a minute in the past (100002).
	// Rooms, "a start in the past"; errata E-13.
	PastStartRefused bool
	// ScheduleUpToYear2100 bounds schedule times at 2100-01-01 instead of 9999-12-31. Rooms,
	// "schedule range"; errata E-13.
	ScheduleUpToYear2100 bool
	// InviteesMustBeImported refuses invitees that are not imported accounts (100002). Rooms,
	// "invitees"; errata E-12.
	InviteesMustBeImported bool
	// CreateTimeIsScheduleStart reports CreateTime as ScheduleStartTime. Rooms, "CreateTime";
	// errata D-09.
	CreateTimeIsScheduleStart bool
	// SeatlessModeFreeToTake reports TakeSeatMode FreeToTake instead of None for a room without
	// seats and no mode set. Rooms, "create defaults"; errata D-23.
	SeatlessModeFreeToTake bool
	// UpdateResetsRoomName resets RoomName to the room ID on an update that leaves it out.
	// Rooms, "update"; errata D-08.
	UpdateResetsRoomName bool
	// ClampMaxMemberCount clamps an update's MaxMemberCount into members present..member cap
	// instead of refusing it (100002). Rooms and Live rooms, "update"; errata E-08, E-13.
	ClampMaxMemberCount bool
	// NeverRecycle keeps an ended, empty room until destroy_room instead of recycling it 6 h
	// after its scheduled end (the pages say the backend "tries"). Rooms, "recycle"; errata E-10.
	NeverRecycle bool
	// PasswordAbsentUnlessSet leaves IsPasswordEnabled and Password out of get_room_info until a
	// request set them. Rooms, "password fields"; errata D-10.
	PasswordAbsentUnlessSet bool

	// Members

	// OwnerAutoEntered makes a Conference room's owner a member from creation on. Members,
	// "who is a member"; errata E-09.
	OwnerAutoEntered bool
	// OwnerRoleRoomOwner names the owner's role RoomOwner (the sample) instead of Owner (the
	// table). Members, "roles"; errata D-04.
	OwnerRoleRoomOwner bool
	// MemberDataSurvivesLeaving keeps a member's name card, custom data, role and marks when it
	// leaves and enters again. Members, "member data"; errata E-22.
	MemberDataSurvivesLeaving bool
	// PageAboveMaximumRefused refuses a get_room_member_list Count above 100 (100002) instead
	// of cutting it. Members, "member list"; errata E-20.
	PageAboveMaximumRefused bool
	// OffsetMemberCursors makes member-list cursors (both families) plain offsets ("3") instead
	// of opaque sequence cursors ("seq-17"). Members, "member list"; Live "get_member_list";
	// errata D-05, L-11.
	OffsetMemberCursors bool
	// LastPageWithoutNext leaves get_room_member_list's Next out on the last page instead of
	// answering "". Members, "member list"; errata D-05.
	LastPageWithoutNext bool
	// OwnerRoleChangeIgnored ignores a Role given for the owner in update_room_member_info
	// (the other fields apply) instead of refusing the call (100002). Members,
	// "update_room_member_info"; errata D-06.
	OwnerRoleChangeIgnored bool
	// PreviousOwnerBecomesAdmin makes the previous owner an Admin instead of a Member after
	// change_room_owner. Members, "change_room_owner"; errata E-19.
	PreviousOwnerBecomesAdmin bool
	// BanAbsentAllowed bans accounts that are not in the room instead of answering 100005.
	// Members, "ban"; errata E-17.
	BanAbsentAllowed bool
	// OwnerRemovalInvalid answers a ban or kick of the owner with 100002 instead of 100006.
	// Members, "ban" and "kick"; errata E-18.
	OwnerRemovalInvalid bool
	// BannedPageOf100 makes get_banned_member_list's default Limit 100 instead of 20 (both
	// families). Members, "banned list"; Live "bans"; errata E-20, L-13.
	BannedPageOf100 bool
	// KickAbsentIgnored kicks the accounts present and ignores the others instead of answering
	// 100005. Members, "kick"; errata E-21.
	KickAbsentIgnored bool

	// Seats

	// SeatlessListRefused answers get_seat_list of a room without seats with 100211 instead of
	// an empty list. Seats, "seats"; errata E-28.
	SeatlessListRefused bool
	// SeatChecksBeforeMember checks the seat (exists, locked, free) before the member (present,
	// seated) in pick_user_on_seat. Seats, "pick_user_on_seat checks"; errata D-22, E-24.
	SeatChecksBeforeMember bool
	// KickOffUnseatedSucceeds answers kick_user_off_seat of a member not on a seat with success
	// instead of 100002. Seats, "kick_user_off_seat"; errata E-29.
	KickOffUnseatedSucceeds bool
	// SwitchOccupiedSeatCode answers switch_seat onto an occupied seat with 100210 instead of
	// 100002. Seats, "switch_seat"; errata E-26.
	SwitchOccupiedSeatCode bool
	// MoveForceKicksFromRoom makes move_user_to_seat's Policy 1 take the displaced user out of
	// the room, not only off the seat. Seats, "move_user_to_seat"; errata E-26.
	MoveForceKicksFromRoom bool

	// Callbacks

	// MissingCallbackEmpty answers get_callback without a configuration with an empty one
	// instead of 100301. Callbacks, "configuration"; errata C-9.
	MissingCallbackEmpty bool
	// DeleteMissingCallbackRefused answers delete_callback without a configuration with 100301
	// instead of success. Callbacks, "configuration"; errata E-34.
	DeleteMissingCallbackRefused bool
	// UnknownCallbackCommandIgnored drops command words other than the six instead of refusing
	// them (100002). Callbacks, "configuration"; errata E-33.
	UnknownCallbackCommandIgnored bool
	// BanSendsNoLeaveEvent sends no AfterMemberLeave for ban_room_member (only kick_user_out is
	// documented as a leave). Callbacks, "events"; errata E-32.
	BanSendsNoLeaveEvent bool

	// Live rooms

	// LiveSeatModeAsString reports get_room_info's TakeSeatMode as FreeToTake/ApplyToTake
	// instead of 1/2. Live rooms, "get_room_info"; errata L-02.
	LiveSeatModeAsString bool
	// LiveDestroyWithoutStatistic answers destroy_room with the envelope only (the 2024 pages).
	// Live rooms, "destroy"; errata L-05.
	LiveDestroyWithoutStatistic bool
	// OpaqueRoomListCursor makes get_room_list's Next an opaque token instead of
	// "<ViewCount>-<hex RoomId>". Live rooms, "get_room_list"; errata L-07.
	OpaqueRoomListCursor bool
	// LiveMemberPageOf50 makes get_member_list's pages 50 members instead of 100. Live rooms,
	// "get_member_list"; errata L-11.
	LiveMemberPageOf50 bool
	// ForeignRoomNotFound answers get_member_list of a Conference room's ID with 100004 instead
	// of 100006. Live rooms, "get_member_list"; errata L-10.
	ForeignRoomNotFound bool
	// BannedListEndsEmpty ends a Live banned list with an empty page: NextOffset points past the
	// last entry instead of being 0. Live rooms, "bans"; errata L-13.
	BannedListEndsEmpty bool
	// AdminsSorted lists administrators by account instead of in the order added. Live rooms,
	// "administrators"; errata L-24.
	AdminsSorted bool
	// LiveAccountsMustBeImported refuses mutes, bans and administrators naming an account that
	// was never imported (100002) instead of accepting any account. Live rooms, "mutes", "bans",
	// "administrators"; errata L-21.
	LiveAccountsMustBeImported bool
	// LiveReportsNotice adds the stored Notice to get_room_info after the 15 documented
	// attributes. Live rooms, "update"; errata L-06, L-23.
	LiveReportsNotice bool
	// MetadataCountCheckedFirst checks the 10-key limit (100500) before the 2 KB value limit
	// (100501). Live rooms, "metadata"; errata L-08.
	MetadataCountCheckedFirst bool

	// Live robots, statistics, messages and mixing (group live13a)

	// DelAbsentRobotRefused refuses del_robot of an account that is not a robot of the room
	// (100002) instead of ignoring it. Live rooms, "robots"; errata L-46.
	DelAbsentRobotRefused bool
	// LiveMessageWithoutResponse answers send_text_msg and send_custom_msg with the envelope
	// only (the English pages) instead of Response {MsgTime, MsgSeq}. Live rooms, "messages";
	// errata L-29, L-48.
	LiveMessageWithoutResponse bool
	// ResumeWithoutLayoutRefused refuses resume_mcu_task in a room where set_mix_stream never
	// set a layout (100002) instead of restoring the default grid. Live rooms, "mixing"; errata
	// L-49.
	ResumeWithoutLayoutRefused bool
	// Live callbacks (issue 14)

	// LiveUnknownCallbackCommandIgnored drops words outside the 19 of the Live command list
	// from live_config/set_callback instead of refusing them (100002). Live callbacks,
	// "configuration"; errata L-41.
	LiveUnknownCallbackCommandIgnored bool
	// LiveDeleteCallbackDeletesToken deletes the webhook token with the configuration in
	// live_config/delete_callback instead of keeping it. Live callbacks, "configuration"; errata
	// L-52.
	LiveDeleteCallbackDeletesToken bool
	// LiveUpdateEventChangedOnly reports only the attributes an update carried in
	// Live.CallbackAfterUpdateRoomInfo instead of every updatable one. Live callbacks, "events";
	// errata L-52.
	LiveUpdateEventChangedOnly bool
	// LiveSeatListChangedOnly reports only the seats changed since the last report in
	// Mic.CallbackAfterSeatInfoChanged for Live rooms instead of every seat. Live callbacks,
	// "events"; errata L-52.
	LiveSeatListChangedOnly bool
	// LiveBanSendsNoStateEvent sends no Live.CallbackAfterMemberStateChanged for members a
	// ban_member takes out of the room (the page lists Enter, Leave and heartbeats only). Live
	// callbacks, "events"; errata L-52.
	LiveBanSendsNoStateEvent bool

	// Gifts

	// GiftRoomNotFound answers send_gift and get_gift_count in a room that does not exist with
	// 100004 instead of 100002 (send_gift's complete table has no 100004). Gifts, "rooms";
	// errata L-54.
	GiftRoomNotFound bool
	// GiftCountBySender makes get_gift_count count the gifts From_Account sent instead of those
	// it received. Gifts, "get_gift_count"; errata L-32.
	GiftCountBySender bool
	// GiftRateLimitCommonCode refuses the commands limited to one call a second or less (the
	// gift catalogue, copy_default_gift_config) with the gateway's 60007 instead of 100012.
	// Gifts, "frequency"; errata L-38.
	GiftRateLimitCommonCode bool
	// GiftLanguageMissingRefused answers a language read with no entry with 100002 instead of
	// the default name and description. The default falls back because the vendor's own console
	// reads the en entry of a gift it has just added without one (fixtures/clients). Gifts,
	// "language entries"; errata L-55.
	GiftLanguageMissingRefused bool
	// GiftLanguageTopLevelOnly answers the language reads with the documented top-level object
	// only, not also under Response.Language. Gifts, "language entries"; errata L-34.
	GiftLanguageTopLevelOnly bool
	// GiftDeleteUnknownRefused answers del_gift and the language deletions of something that does
	// not exist with 100002 instead of success. Gifts, "unknown entries"; errata L-55.
	GiftDeleteUnknownRefused bool
	// GiftAddReplaces makes add_gift and add_gift_category of an ID the catalogue holds replace
	// the entry (keeping its relations and language entries) instead of refusing it (100002).
	// Gifts, "unknown entries"; errata L-55.
	GiftAddReplaces bool
	// LiveMessageRefusedAsGift answers a room message that Group.CallbackBeforeSendMsg refused
	// (reply 1, or no usable reply without the NotBlock flag) with send_gift's 102004 instead of
	// Chat's 10016. Live callbacks, "blocking callbacks"; errata L-58.
	LiveMessageRefusedAsGift bool
}

// DefaultChoices is the profile the emulator runs by default (docs/emulator.md, "default").
func DefaultChoices() Choices { return Choices{} }

// AlternateChoices flips every choice (docs/emulator.md, "alternate").
func AlternateChoices() Choices {
	return Choices{
		SignatureBeforeSDKAppID: true, GenericSignatureCodes: true, FirstSchemaProblemOnly: true,
		ReimportKeepsProfile: true, FailAccountsAbsentWhenEmpty: true, DeleteUnknownAccountSucceeds: true,
		OwnerCheckedBeforeID: true, PastStartRefused: true, ScheduleUpToYear2100: true, InviteesMustBeImported: true,
		CreateTimeIsScheduleStart: true, SeatlessModeFreeToTake: true, UpdateResetsRoomName: true,
		ClampMaxMemberCount: true, NeverRecycle: true, PasswordAbsentUnlessSet: true,
		OwnerAutoEntered: true, OwnerRoleRoomOwner: true, MemberDataSurvivesLeaving: true,
		PageAboveMaximumRefused: true, OffsetMemberCursors: true, LastPageWithoutNext: true,
		OwnerRoleChangeIgnored: true, PreviousOwnerBecomesAdmin: true, BanAbsentAllowed: true, OwnerRemovalInvalid: true,
		BannedPageOf100: true, KickAbsentIgnored: true,
		SeatlessListRefused: true, SeatChecksBeforeMember: true, KickOffUnseatedSucceeds: true,
		SwitchOccupiedSeatCode: true, MoveForceKicksFromRoom: true,
		MissingCallbackEmpty: true, DeleteMissingCallbackRefused: true, UnknownCallbackCommandIgnored: true,
		BanSendsNoLeaveEvent: true,
		LiveSeatModeAsString: true, LiveDestroyWithoutStatistic: true, OpaqueRoomListCursor: true,
		LiveMemberPageOf50: true, ForeignRoomNotFound: true, BannedListEndsEmpty: true, AdminsSorted: true,
		LiveAccountsMustBeImported: true, LiveReportsNotice: true,
		MetadataCountCheckedFirst: true,
		// group live13a
		DelAbsentRobotRefused: true, LiveMessageWithoutResponse: true, ResumeWithoutLayoutRefused: true,
		// Live callbacks (issue 14)
		LiveUnknownCallbackCommandIgnored: true, LiveDeleteCallbackDeletesToken: true, LiveUpdateEventChangedOnly: true,
		LiveSeatListChangedOnly: true, LiveBanSendsNoStateEvent: true,
		// Gifts
		GiftRoomNotFound: true, GiftCountBySender: true, GiftRateLimitCommonCode: true, GiftLanguageMissingRefused: true,
		GiftLanguageTopLevelOnly: true, GiftDeleteUnknownRefused: true, GiftAddReplaces: true,
		LiveMessageRefusedAsGift: true,
	}
}

// Profile names accepted by ChoicesNamed (trtc-emulator -choices, TRTC_EMULATOR_CHOICES).
const (
	ProfileDefault   = "default"
	ProfileAlternate = "alternate"
)

// ChoicesNamed returns the profile of that name; "" is the default profile.
func ChoicesNamed(name string) (Choices, error) {
	switch name {
	case "", ProfileDefault:
		return DefaultChoices(), nil
	case ProfileAlternate:
		return AlternateChoices(), nil
	}
	return Choices{}, fmt.Errorf("emulator: unknown choices profile %q (want %s or %s)", name, ProfileDefault, ProfileAlternate)
}
