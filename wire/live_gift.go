package wire

// Gifts: sending and counting. Vendor pages: https://trtc.io/document/72556 (Send Gift),
// https://trtc.io/document/72557 (Get Gift Count).

// LiveSendGiftRequest sends Count of a catalogue gift in a room, as From_Account, to the
// receivers. Count is in the sample only (docs/errata-live.md L-31).
// Vendor page: https://trtc.io/document/72556 (Send Gift).
type LiveSendGiftRequest struct {
	RoomID              string   `json:"RoomId"`
	GiftID              string   `json:"GiftId"`
	Count               *int     `json:"Count,omitempty"`
	FromAccount         string   `json:"From_Account"`
	ReceiverListAccount []string `json:"ReceiverList_Account"`
}

// LiveGetGiftCountRequest reads one user's gift totals in a room (sender or receiver, L-32).
// Vendor page: https://trtc.io/document/72557 (Get Gift Count).
type LiveGetGiftCountRequest struct {
	RoomID      string `json:"RoomId"`
	FromAccount string `json:"From_Account"`
}

// LiveGetGiftCountResponse is the answer of get_gift_count.
// Vendor page: https://trtc.io/document/72557 (Get Gift Count).
type LiveGetGiftCountResponse struct {
	Envelope
	Response struct {
		// Sequence is returned but described nowhere (L-32).
		Sequence        int64 `json:"Sequence"`
		TotalCount      int64 `json:"TotalCount"`
		TotalCoins      int64 `json:"TotalCoins"`
		GiftSenderCount int64 `json:"GiftSenderCount"`
	} `json:"Response"`
}

// Gift catalogue: gifts, categories, their relations and language entries, per application.
// Vendor page: https://trtc.io/document/72844 (Gift System Configuration Guide). Reads answer
// at the top level of the body, not under Response (L-34).

// LiveGift is a catalogue gift: add_gift's request and get_gift's GiftInfo.
// Vendor pages: https://trtc.io/document/72845 (Add Gift), https://trtc.io/document/72846 (Get Gift).
type LiveGift struct {
	GiftID        string `json:"GiftId"`
	IconURL       string `json:"IconUrl,omitempty"`
	ResourceURL   string `json:"ResourceUrl,omitempty"`
	Coins         int64  `json:"Coins"`
	Level         *int64 `json:"Level,omitempty"`
	ExtensionInfo string `json:"ExtensionInfo,omitempty"`
	DefaultName   string `json:"DefaultName"`
	DefaultDesc   string `json:"DefaultDesc,omitempty"`
}

// LiveGiftIDRequest names one gift: get_gift, del_gift.
// Vendor pages: https://trtc.io/document/72846 (Get Gift), https://trtc.io/document/72847 (Delete Gift).
type LiveGiftIDRequest struct {
	GiftID string `json:"GiftId"`
}

// LiveGetGiftResponse is the answer of get_gift. The field table spells the thumbnail IconURL,
// the sample IconUrl (L-34): IconURLTable reads the other spelling.
// Vendor page: https://trtc.io/document/72846 (Get Gift).
type LiveGetGiftResponse struct {
	Envelope
	GiftInfo LiveGiftInfo `json:"GiftInfo"`
}

// LiveGiftInfo is a gift as get_gift answers it: IconUrl in the sample, IconURL in the table
// (docs/errata-live.md L-34), so both are read.
type LiveGiftInfo struct {
	GiftID        string `json:"GiftId"`
	IconURL       string `json:"IconUrl"`
	IconURLTable  string `json:"IconURL"`
	ResourceURL   string `json:"ResourceUrl"`
	Coins         int64  `json:"Coins"`
	Level         int64  `json:"Level"`
	ExtensionInfo string `json:"ExtensionInfo"`
	DefaultName   string `json:"DefaultName"`
	DefaultDesc   string `json:"DefaultDesc"`
}

// LiveGiftCategory is a gift category: add_gift_category's request and get_gift_category's
// GiftCategoryInfo.
// Vendor pages: https://trtc.io/document/72848 (Add Gift Category), https://trtc.io/document/72849 (Get Gift Category).
type LiveGiftCategory struct {
	CategoryID    string `json:"CategoryId"`
	ExtensionInfo string `json:"ExtensionInfo,omitempty"`
	DefaultName   string `json:"DefaultName"`
	DefaultDesc   string `json:"DefaultDesc,omitempty"`
}

// LiveGiftCategoryIDRequest names one category: get_gift_category, del_gift_category,
// get_gift_category_relations.
// Vendor pages: https://trtc.io/document/72849, https://trtc.io/document/72850, https://trtc.io/document/72853.
type LiveGiftCategoryIDRequest struct {
	CategoryID string `json:"CategoryId"`
}

// LiveGetGiftCategoryResponse is the answer of get_gift_category.
// Vendor page: https://trtc.io/document/72849 (Get Gift Category).
type LiveGetGiftCategoryResponse struct {
	Envelope
	GiftCategoryInfo LiveGiftCategory `json:"GiftCategoryInfo"`
}

// LiveGiftCategoryRelationsRequest adds gifts to a category or takes them out.
// Vendor pages: https://trtc.io/document/72851 (Add), https://trtc.io/document/72852 (Delete).
type LiveGiftCategoryRelationsRequest struct {
	CategoryID string   `json:"CategoryId"`
	GiftIDList []string `json:"GiftIdList"`
}

// LiveAddGiftCategoryRelationsResponse is the answer of add_gift_category_relations: the gifts
// that were not added (documented, absent from the sample; L-40).
// Vendor page: https://trtc.io/document/72851 (Add Gift Category Relations).
type LiveAddGiftCategoryRelationsResponse struct {
	Envelope
	InvalidGiftIDList []string `json:"InvalidGiftIdList"`
}

// LiveGetGiftCategoryRelationsResponse is the answer of get_gift_category_relations.
// Vendor page: https://trtc.io/document/72853 (Get Gift Category Relations).
type LiveGetGiftCategoryRelationsResponse struct {
	Envelope
	Relation struct {
		CategoryID string   `json:"CategoryId"`
		GiftIDList []string `json:"GiftIdList"`
	} `json:"Relation"`
}

// LiveSetGiftLanguageRequest sets a gift's texts for a language; Name is required the first
// time only, a later call changes the fields it carries (L-36).
// Vendor page: https://trtc.io/document/72854 (Set Gift Language).
type LiveSetGiftLanguageRequest struct {
	GiftID   string  `json:"GiftId"`
	Language string  `json:"Language"`
	Name     *string `json:"Name,omitempty"`
	Desc     *string `json:"Desc,omitempty"`
}

// LiveGiftLanguageRequest names a gift's language entry: get_gift_language, del_gift_language.
// Vendor pages: https://trtc.io/document/72855 (Get), https://trtc.io/document/72856 (Delete).
type LiveGiftLanguageRequest struct {
	GiftID   string `json:"GiftId"`
	Language string `json:"Language"`
}

// LiveGiftTexts is a gift's entry for one language.
// Vendor page: https://trtc.io/document/72855 (Get Gift Language).
type LiveGiftTexts struct {
	Name string `json:"Name"`
	Desc string `json:"Desc"`
}

// LiveGetGiftLanguageResponse is the answer of get_gift_language: the entry at the top level
// (the page) or under Response.Language (Tencent's console of 2026-07; L-34).
// Vendor page: https://trtc.io/document/72855 (Get Gift Language).
type LiveGetGiftLanguageResponse struct {
	Envelope
	GiftInfo *LiveGiftTexts `json:"GiftInfo"`
	Response struct {
		Language *LiveGiftTexts `json:"Language"`
	} `json:"Response"`
}

// LiveSetGiftCategoryLanguageRequest sets a category's texts for a language (partial update,
// L-36).
// Vendor page: https://trtc.io/document/72857 (Set Gift Category Language).
type LiveSetGiftCategoryLanguageRequest struct {
	CategoryID   string  `json:"CategoryId"`
	Language     string  `json:"Language"`
	CategoryName *string `json:"CategoryName,omitempty"`
	CategoryDesc *string `json:"CategoryDesc,omitempty"`
}

// LiveGiftCategoryLanguageRequest names a category's language entry:
// get_gift_category_language, del_gift_category_language.
// Vendor pages: https://trtc.io/document/72858 (Get), https://trtc.io/document/72859 (Delete).
type LiveGiftCategoryLanguageRequest struct {
	CategoryID string `json:"CategoryId"`
	Language   string `json:"Language"`
}

// LiveGiftCategoryTexts is a category's entry for one language.
// Vendor page: https://trtc.io/document/72858 (Get Gift Category Language).
type LiveGiftCategoryTexts struct {
	CategoryName string `json:"CategoryName"`
	CategoryDesc string `json:"CategoryDesc"`
}

// LiveGetGiftCategoryLanguageResponse is the answer of get_gift_category_language (L-34).
// Vendor page: https://trtc.io/document/72858 (Get Gift Category Language).
type LiveGetGiftCategoryLanguageResponse struct {
	Envelope
	CategoryInfo *LiveGiftCategoryTexts `json:"CategoryInfo"`
	Response     struct {
		Language *LiveGiftCategoryTexts `json:"Language"`
	} `json:"Response"`
}
