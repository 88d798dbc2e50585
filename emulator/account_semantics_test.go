package emulator

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

func TestAccountCommands(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	checkCommandAnswer(t, "account_import", h.call("account_import", `{"UserID":"alice","Nick":"A","FaceUrl":"http://x"}`), 0)
	checkCommandAnswer(t, "account_import", h.call("account_import", `{"UserID":"alice","Nick":"A2"}`), 0) // again: updates
	h.e.mu.Lock()
	if got := h.e.state.accounts["alice"]; got.nick != "A2" {
		t.Errorf("re-import left nick %q", got.nick)
	}
	h.e.mu.Unlock()

	r := h.call("multiaccount_import", `{"Accounts":["bob","bad id!","carol",""]}`)
	checkCommandAnswer(t, "multiaccount_import", r, 0)
	var multi struct{ FailAccounts []string }
	if err := json.Unmarshal(r.raw, &multi); err != nil || !reflect.DeepEqual(multi.FailAccounts, []string{"bad id!", ""}) {
		t.Errorf("FailAccounts %q (%v), want the two invalid IDs", multi.FailAccounts, err)
	}

	statuses := func() map[string]string {
		r := h.call("account_check", `{"CheckItem":[{"UserID":"alice"},{"UserID":"bob"},{"UserID":"carol"},{"UserID":"dave"},{"UserID":"administrator"}]}`)
		checkCommandAnswer(t, "account_check", r, 0)
		var answer struct {
			ResultItem []struct{ UserID, AccountStatus string }
		}
		if err := json.Unmarshal(r.raw, &answer); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, item := range answer.ResultItem {
			out[item.UserID] = item.AccountStatus
		}
		return out
	}
	want := map[string]string{"alice": "Imported", "bob": "Imported", "carol": "Imported", "dave": "NotImported", "administrator": "Imported"}
	if got := statuses(); !reflect.DeepEqual(got, want) {
		t.Errorf("account_check %v, want %v", got, want)
	}

	r = h.call("account_delete", `{"DeleteItem":[{"UserID":"bob"},{"UserID":"dave"},{"UserID":"administrator"},{"UserID":"bob"}]}`)
	checkCommandAnswer(t, "account_delete", r, 0)
	var del struct {
		ResultItem []struct {
			UserID     string
			ResultCode int
		}
	}
	if err := json.Unmarshal(r.raw, &del); err != nil {
		t.Fatal(err)
	}
	codes := []int{}
	for _, item := range del.ResultItem {
		codes = append(codes, item.ResultCode)
	}
	if wantCodes := []int{0, catalog.CodeAccountNotImported, codeAccountInvalidParameter, catalog.CodeAccountNotImported}; !reflect.DeepEqual(codes, wantCodes) {
		t.Errorf("account_delete result codes %v, want %v", codes, wantCodes)
	}
	want["bob"] = "NotImported"
	if got := statuses(); !reflect.DeepEqual(got, want) {
		t.Errorf("after delete: %v, want %v", got, want)
	}
	// A deleted account can no longer own a new room.
	h.create(roomSettingsOwned("bobs-room", "bob"), catalog.CodeInvalidParameter)
	h.create(roomSettingsOwned("alices-room", "alice"), 0)
}

func roomSettingsOwned(id, owner string) wire.RoomSettings {
	return wire.RoomSettings{RoomID: id, OwnerAccount: &owner}
}
