package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

func roomPath(command string) string    { return "/v4/" + catalog.ServiceRoom + "/" + command }
func accountPath(command string) string { return "/v4/" + catalog.ServiceAccount + "/" + command }
func seatPath(command string) string    { return "/v4/" + catalog.ServiceSeat + "/" + command }
func configPath(command string) string  { return "/v4/" + catalog.ServiceConfig + "/" + command }
func livePath(command string) string    { return "/v4/" + catalog.ServiceLive + "/" + command }

func TestTypedHelpersRequests(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		call     func() error
		wantPath string
		wantBody string
	}{
		{
			name: "CreateRoom with only the required fields",
			call: func() error {
				_, _, err := c.Rooms.Create(ctx, wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: "r1", RoomType: wire.Ptr("Conference")}})
				return err
			},
			wantPath: roomPath("create_room"),
			wantBody: `{"RoomInfo":{"RoomId":"r1","RoomType":"Conference"}}`,
		},
		{
			name: "CreateRoom keeps false and zero",
			call: func() error {
				_, _, err := c.Rooms.Create(ctx, wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{
					RoomID: "r1", MaxMemberCount: wire.Ptr(0), IsVideoDisabled: wire.Ptr(false), IsSeatEnabled: wire.Ptr(false), CustomInfo: wire.Ptr(""),
				}})
				return err
			},
			wantPath: roomPath("create_room"),
			wantBody: `{"RoomInfo":{"RoomId":"r1","MaxMemberCount":0,"IsVideoDisabled":false,"CustomInfo":"","IsSeatEnabled":false}}`,
		},
		{
			name: "CreateRoom with invitees beside RoomInfo",
			call: func() error {
				_, _, err := c.Rooms.Create(ctx, wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: "r1"}, ScheduleInviteeListAccounts: []string{"u1", "u2"}})
				return err
			},
			wantPath: roomPath("create_room"),
			wantBody: `{"RoomInfo":{"RoomId":"r1"},"ScheduleInviteeList_Account":["u1","u2"]}`,
		},
		{
			name:     "Rooms.Destroy",
			call:     func() error { _, _, err := c.Rooms.Destroy(ctx, "r1"); return err },
			wantPath: roomPath("destroy_room"),
			wantBody: `{"RoomId":"r1"}`,
		},
		{
			name:     "Rooms.GetInfo",
			call:     func() error { _, _, err := c.Rooms.GetInfo(ctx, "r2"); return err },
			wantPath: roomPath("get_room_info"),
			wantBody: `{"RoomId":"r2"}`,
		},
		{
			name: "update_room_info through Call",
			call: func() error {
				_, err := c.Call(ctx, catalog.ServiceRoom, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
					RoomID: "r1", RoomName: wire.Ptr("n"), IsMessageDisabled: wire.Ptr(false), TakeSeatMode: wire.Ptr("FreeToTake"),
				}})
				return err
			},
			wantPath: roomPath("update_room_info"),
			wantBody: `{"RoomInfo":{"RoomId":"r1","RoomName":"n","IsMessageDisabled":false,"TakeSeatMode":"FreeToTake"}}`,
		},
		{
			name:     "Accounts.Import",
			call:     func() error { _, _, err := c.Accounts.Import(ctx, "a", "b"); return err },
			wantPath: accountPath("multiaccount_import"),
			wantBody: `{"Accounts":["a","b"]}`,
		},
		{
			name:     "Accounts.Check",
			call:     func() error { _, _, err := c.Accounts.Check(ctx, "a", "b"); return err },
			wantPath: accountPath("account_check"),
			wantBody: `{"CheckItem":[{"UserID":"a"},{"UserID":"b"}]}`,
		},
		{
			name:     "Accounts.Delete",
			call:     func() error { _, _, err := c.Accounts.Delete(ctx, "a"); return err },
			wantPath: accountPath("account_delete"),
			wantBody: `{"DeleteItem":[{"UserID":"a"}]}`,
		},
		{
			name: "Members.GetList",
			call: func() error {
				_, _, err := c.Members.GetList(ctx, wire.GetRoomMemberListRequest{RoomID: "r1", Next: wire.Ptr("")})
				return err
			},
			wantPath: roomPath("get_room_member_list"),
			wantBody: `{"RoomId":"r1","Next":""}`,
		},
		{
			name: "Members.GetBannedList",
			call: func() error {
				_, _, err := c.Members.GetBannedList(ctx, wire.GetBannedMemberListRequest{RoomID: "r1", Offset: wire.Ptr(0)})
				return err
			},
			wantPath: roomPath("get_banned_member_list"),
			wantBody: `{"RoomId":"r1","Offset":0}`,
		},
		{
			name:     "Seats.GetList",
			call:     func() error { _, _, err := c.Seats.GetList(ctx, "r1"); return err },
			wantPath: seatPath("get_seat_list"),
			wantBody: `{"RoomId":"r1"}`,
		},
		{
			name:     "Callbacks.Get",
			call:     func() error { _, _, err := c.Callbacks.Get(ctx); return err },
			wantPath: configPath("get_callback"),
			wantBody: `{}`,
		},
		{
			name: "Live.CreateRoom",
			call: func() error {
				_, _, err := c.Live.CreateRoom(ctx, wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "l1", SeatTemplate: wire.Ptr("VideoDynamicGrid9Seats")}})
				return err
			},
			wantPath: livePath("create_room"),
			wantBody: `{"RoomInfo":{"RoomId":"l1","SeatTemplate":"VideoDynamicGrid9Seats"}}`,
		},
		{
			name:     "Live.DestroyRoom",
			call:     func() error { _, _, err := c.Live.DestroyRoom(ctx, "l1"); return err },
			wantPath: livePath("destroy_room"),
			wantBody: `{"RoomId":"l1"}`,
		},
		{
			name:     "Live.GetRoomInfo",
			call:     func() error { _, _, err := c.Live.GetRoomInfo(ctx, "l1"); return err },
			wantPath: livePath("get_room_info"),
			wantBody: `{"RoomId":"l1"}`,
		},
		{
			name: "Live.GetRoomList",
			call: func() error {
				_, _, err := c.Live.GetRoomList(ctx, wire.LiveGetRoomListRequest{Count: wire.Ptr(5)})
				return err
			},
			wantPath: livePath("get_room_list"),
			wantBody: `{"Next":"","Count":5}`,
		},
		{
			name: "Live.GetRoomMetadata",
			call: func() error {
				_, _, err := c.Live.GetRoomMetadata(ctx, wire.LiveGetRoomMetadataRequest{RoomID: "l1", Keys: []string{}})
				return err
			},
			wantPath: livePath("get_room_metadata"),
			wantBody: `{"RoomId":"l1","Keys":[]}`,
		},
		{
			name: "Live.GetMemberList",
			call: func() error {
				_, _, err := c.Live.GetMemberList(ctx, wire.LiveGetMemberListRequest{RoomID: "l1"})
				return err
			},
			wantPath: livePath("get_member_list"),
			wantBody: `{"RoomId":"l1","Next":""}`,
		},
		{
			name:     "Live.GetMutedMemberList",
			call:     func() error { _, _, err := c.Live.GetMutedMemberList(ctx, "l1"); return err },
			wantPath: livePath("get_muted_member_list"),
			wantBody: `{"RoomId":"l1"}`,
		},
		{
			name: "Live.GetBannedMemberList",
			call: func() error {
				_, _, err := c.Live.GetBannedMemberList(ctx, wire.LiveGetBannedMemberListRequest{RoomID: "l1", Limit: wire.Ptr(2)})
				return err
			},
			wantPath: livePath("get_banned_member_list"),
			wantBody: `{"RoomId":"l1","Limit":2}`,
		},
		{
			name:     "Live.GetAdminList",
			call:     func() error { _, _, err := c.Live.GetAdminList(ctx, "l1"); return err },
			wantPath: livePath("get_admin_list"),
			wantBody: `{"RoomId":"l1"}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.count()
			if err := tc.call(); err != nil {
				t.Fatal(err)
			}
			if n := ts.count() - before; n != 1 {
				t.Fatalf("%d requests, want 1", n)
			}
			got := ts.last(t)
			if got.Method != http.MethodPost || got.Path != tc.wantPath {
				t.Errorf("%s %s, want POST %s", got.Method, got.Path, tc.wantPath)
			}
			if string(got.Body) != tc.wantBody {
				t.Errorf("body = %s\nwant   %s", got.Body, tc.wantBody)
			}
			if got.Query.Get("identifier") != testAdmin {
				t.Errorf("identifier = %q", got.Query.Get("identifier"))
			}
		})
	}
}

// TestCreateRoomDocumentedSample sends every field and compares with the sample of the
// create_room page (CN 2025 edition, with the password fields).
func TestCreateRoomDocumentedSample(t *testing.T) {
	const sample = `{"RoomInfo":{"RoomId":"room-test","RoomName":"room-name-test","RoomType":"Conference","Owner_Account":"user2",
 "MaxMemberCount":300,"ScheduleStartTime":1693271355,"ScheduleEndTime":1693272355,"IsVideoDisabled":true,
 "IsAudioDisabled":true,"IsMessageDisabled":true,"IsScreenSharingDisabled":true,"IsCloudRecordingDisabled":true,
 "CustomInfo":"custom123","IsSeatEnabled":true,"MaxSeatCount":16,"TakeSeatMode":"ApplyToTake","IsPasswordEnabled":true,"Password":"1234"},
 "ScheduleInviteeList_Account":["user1","user2","user3"]}`
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	_, _, err := c.Rooms.Create(context.Background(), wire.CreateRoomRequest{
		RoomInfo: wire.RoomSettings{
			RoomID: "room-test", RoomName: wire.Ptr("room-name-test"), RoomType: wire.Ptr("Conference"), OwnerAccount: wire.Ptr("user2"),
			MaxMemberCount: wire.Ptr(300), ScheduleStartTime: wire.Ptr(int64(1693271355)), ScheduleEndTime: wire.Ptr(int64(1693272355)),
			IsVideoDisabled: wire.Ptr(true), IsAudioDisabled: wire.Ptr(true), IsMessageDisabled: wire.Ptr(true),
			IsScreenSharingDisabled: wire.Ptr(true), IsCloudRecordingDisabled: wire.Ptr(true), CustomInfo: wire.Ptr("custom123"),
			IsSeatEnabled: wire.Ptr(true), MaxSeatCount: wire.Ptr(16), TakeSeatMode: wire.Ptr("ApplyToTake"),
			IsPasswordEnabled: wire.Ptr(true), Password: wire.Ptr("1234"),
		},
		ScheduleInviteeListAccounts: []string{"user1", "user2", "user3"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	if err := json.Unmarshal(ts.last(t).Body, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(sample), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body = %s\nwant the documented sample %s", ts.last(t).Body, sample)
	}
}

func TestGetRoomInfoAnswers(t *testing.T) {
	t.Run("decodes the room", func(t *testing.T) {
		body := `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"r","Response":{"RoomInfo":{
			"RoomId":"r1","RoomName":"n","RoomType":"Conference","Owner_Account":"u","MaxMemberCount":300,"MaxSeatCount":16,
			"ScheduleStartTime":1,"ScheduleEndTime":2,"IsVideoDisabled":true,"IsMessageDisabled":true,"CustomInfo":"c",
			"RoomStatus":"Running","IsSeatEnabled":true,"TakeSeatMode":"ApplyToTake","CreateTime":3,"MemberCount":4,
			"IsPasswordEnabled":false}}}`
		ts := newTestServer(t, answer(200, nil, body))
		c := newTestClient(t, ts.URL, nil)
		got, resp, err := c.Rooms.GetInfo(context.Background(), "r1")
		if err != nil || resp == nil || got == nil {
			t.Fatalf("Rooms.GetInfo = (%v, %v, %v)", got, resp, err)
		}
		info := got.Response.RoomInfo
		want := wire.RoomInfo{RoomID: "r1", RoomName: "n", RoomType: "Conference", OwnerAccount: "u", MaxMemberCount: 300,
			MaxSeatCount: 16, ScheduleStartTime: 1, ScheduleEndTime: 2, IsVideoDisabled: true, IsMessageDisabled: true,
			CustomInfo: "c", RoomStatus: "Running", IsSeatEnabled: true, TakeSeatMode: "ApplyToTake", CreateTime: 3,
			MemberCount: 4, IsPasswordEnabled: wire.Ptr(false)}
		if !reflect.DeepEqual(info, want) {
			t.Errorf("info = %+v\nwant %+v", info, want)
		}
		if info.Password != nil {
			t.Errorf("absent Password decoded as %q", *info.Password)
		}
		if got.Envelope != resp.Envelope {
			t.Errorf("answer's envelope %+v, want the response's %+v", got.Envelope, resp.Envelope)
		}
	})
	t.Run("failure", func(t *testing.T) {
		ts := newTestServer(t, answer(200, nil, `{"ActionStatus":"FAIL","ErrorCode":100004,"ErrorInfo":"no room","RequestId":"r"}`))
		c := newTestClient(t, ts.URL, nil)
		got, resp, err := c.Rooms.GetInfo(context.Background(), "r1")
		var apiErr *APIError
		if got == nil || got.ErrorCode != 100004 || got.ErrorInfo != "no room" || resp == nil || !errors.As(err, &apiErr) || apiErr.ErrorCode != 100004 {
			t.Errorf("Rooms.GetInfo = (%+v, %v, %v), want the failure's answer, the response and APIError 100004", got, resp, err)
		}
	})
	t.Run("failure whose body does not decode", func(t *testing.T) {
		ts := newTestServer(t, answer(200, nil, `{"ActionStatus":"FAIL","ErrorCode":100004,"ErrorInfo":"no room","Response":[]}`))
		c := newTestClient(t, ts.URL, nil)
		got, resp, err := c.Rooms.GetInfo(context.Background(), "r1")
		var apiErr *APIError
		if got != nil || resp == nil || !errors.As(err, &apiErr) || apiErr.ErrorCode != 100004 {
			t.Errorf("Rooms.GetInfo = (%+v, %v, %v), want no answer, the response and APIError 100004", got, resp, err)
		}
	})
	t.Run("undecodable room", func(t *testing.T) {
		ts := newTestServer(t, answer(200, nil, `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Response":{"RoomInfo":"x"}}`))
		c := newTestClient(t, ts.URL, nil)
		got, resp, err := c.Rooms.GetInfo(context.Background(), "r1")
		if got != nil || resp == nil || err == nil {
			t.Errorf("Rooms.GetInfo = (%v, %v, %v), want a decode error with the response", got, resp, err)
		}
	})
	t.Run("not an envelope", func(t *testing.T) {
		ts := newTestServer(t, answer(502, nil, `<html>`))
		c := newTestClient(t, ts.URL, nil)
		got, resp, err := c.Rooms.GetInfo(context.Background(), "r1")
		var protocolErr *ProtocolError
		if got != nil || resp == nil || !errors.As(err, &protocolErr) {
			t.Errorf("Rooms.GetInfo = (%v, %v, %v), want no answer, the response and a ProtocolError", got, resp, err)
		}
	})
}

func TestCheckAccountsDecodes(t *testing.T) {
	ts := newTestServer(t, answer(200, nil, `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[
		{"UserID":"a","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"},
		{"UserID":"b","ResultCode":0,"ResultInfo":"","AccountStatus":"NotImported"}]}`))
	c := newTestClient(t, ts.URL, nil)
	got, resp, err := c.Accounts.Check(context.Background(), "a", "b")
	if err != nil || resp == nil {
		t.Fatalf("Accounts.Check: %v", err)
	}
	want := []wire.AccountCheckResult{{UserID: "a", AccountStatus: "Imported"}, {UserID: "b", AccountStatus: "NotImported"}}
	if !reflect.DeepEqual(got.ResultItem, want) {
		t.Errorf("ResultItem = %+v, want %+v", got.ResultItem, want)
	}
}

func userIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("user%03d", i)
	}
	return ids
}

// importServer answers each multiaccount_import batch with its first account as failed,
// or with failWith for batch number failAt (1-based; 0 never).
func importServer(t *testing.T, failAt int, failWith string) *testServer {
	var mu sync.Mutex
	batch := 0
	return newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		batch++
		n := batch
		mu.Unlock()
		if n == failAt {
			_, _ = w.Write([]byte(failWith))
			return
		}
		var req wire.MultiAccountImportRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Accounts) == 0 {
			t.Errorf("batch %d: %v %v", n, req, err)
			return
		}
		fmt.Fprintf(w, `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","FailAccounts":[%q]}`, req.Accounts[0])
	})
}

func TestImportAccountsBatches(t *testing.T) {
	for _, tc := range []struct {
		n       int
		batches []int
	}{
		{0, nil},
		{1, []int{1}},
		{99, []int{99}},
		{100, []int{100}},
		{101, []int{100, 1}},
		{250, []int{100, 100, 50}},
		{300, []int{100, 100, 100}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			ts := importServer(t, 0, "")
			c := newTestClient(t, ts.URL, nil)
			ids := userIDs(tc.n)
			got, _, err := c.Accounts.Import(context.Background(), ids...)
			if err != nil {
				t.Fatal(err)
			}
			failed := got.FailAccounts
			requests := ts.all()
			if len(requests) != len(tc.batches) {
				t.Fatalf("%d calls, want %d", len(requests), len(tc.batches))
			}
			var sent, wantFailed []string
			for i, r := range requests {
				if r.Path != accountPath("multiaccount_import") {
					t.Errorf("call %d went to %s", i, r.Path)
				}
				var req map[string][]string
				if err := json.Unmarshal(r.Body, &req); err != nil || len(req) != 1 {
					t.Fatalf("call %d body %s: %v", i, r.Body, err)
				}
				if len(req["Accounts"]) != tc.batches[i] {
					t.Errorf("batch %d has %d accounts, want %d", i, len(req["Accounts"]), tc.batches[i])
				}
				sent = append(sent, req["Accounts"]...)
				wantFailed = append(wantFailed, req["Accounts"][0])
			}
			if !slices.Equal(sent, ids) {
				t.Errorf("the batches do not carry the accounts once each, in order")
			}
			if !slices.Equal(failed, wantFailed) {
				t.Errorf("FailAccounts = %v, want %v (one per batch)", failed, wantFailed)
			}
		})
	}
}

func TestImportAccountsStopsAtTheFirstFailure(t *testing.T) {
	ts := importServer(t, 2, `{"ActionStatus":"FAIL","ErrorCode":70402,"ErrorInfo":"bad","RequestId":"r"}`)
	c := newTestClient(t, ts.URL, nil)
	got, resp, err := c.Accounts.Import(context.Background(), userIDs(250)...)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != 70402 || apiErr.Command != "multiaccount_import" {
		t.Fatalf("error = %v, want APIError 70402 of multiaccount_import", err)
	}
	if !slices.Equal(got.FailAccounts, []string{"user000"}) || got.ErrorCode != 70402 || resp == nil || resp.Code() != 70402 {
		t.Errorf("answer = %+v, response %v: want the first batch's [user000] and the failing batch's envelope", got, resp)
	}
	if n := ts.count(); n != 2 {
		t.Errorf("%d calls, want 2 (no batch after the failure)", n)
	}
	if !strings.Contains(err.Error(), "70402") {
		t.Errorf("error %q", err)
	}
}

// The typed answer's envelope is the one Do read, even when the body also holds a key that
// differs only in case, which json.Unmarshal would take for the same field.
func TestTypedAnswerCarriesTheEnvelopeDoRead(t *testing.T) {
	body := `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RequestId":"r","errorcode":100004,"Response":{"SeatList":[]}}`
	ts := newTestServer(t, answer(200, nil, body))
	c := newTestClient(t, ts.URL, nil)
	seats, resp, err := c.Seats.GetList(context.Background(), "r1")
	if err != nil || resp.Code() != 0 {
		t.Fatalf("Seats.GetList = (%+v, %v, %v), want success", seats, resp, err)
	}
	if seats.Envelope != resp.Envelope {
		t.Errorf("answer's envelope %+v, want the response's %+v", seats.Envelope, resp.Envelope)
	}
	created, resp, err := c.Rooms.Create(context.Background(), wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: "r1"}})
	if err != nil || *created != resp.Envelope {
		t.Errorf("Rooms.Create = (%+v, %+v, %v), want the response's envelope", created, resp.Envelope, err)
	}
}
