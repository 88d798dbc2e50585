package emulator

import (
	"fmt"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// codeAccountInvalidParameter is the Chat account commands' invalid-parameter code.
const codeAccountInvalidParameter = 70402

// accountImport implements im_open_login_svc/account_import; importing again updates the
// nickname and avatar. Vendor page: https://trtc.io/document/34953.
func (e *Emulator) accountImport(c *call) answer {
	var req wire.AccountImportRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(codeAccountInvalidParameter, "invalid parameter: "+err.Error())
	}
	if !validUserID(req.UserID) {
		return fail(codeAccountInvalidParameter, fmt.Sprintf("invalid parameter: UserID %q must be 1-32 bytes of letters, digits, _ and -", req.UserID))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, exists := e.state.accounts[req.UserID]; exists && e.cfg.Choices.ReimportKeepsProfile {
		return ok(nil)
	}
	e.state.accounts[req.UserID] = account{nick: req.Nick, faceURL: req.FaceURL}
	return ok(nil)
}

// multiAccountImport implements im_open_login_svc/multiaccount_import: valid IDs are
// imported, the others listed in FailAccounts. Both documented forms are accepted: Accounts
// (IDs) and AccountList (IDs with profiles, which update existing accounts). Vendor page: https://trtc.io/document/34954.
func (e *Emulator) multiAccountImport(c *call) answer {
	var req wire.MultiAccountImportRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(codeAccountInvalidParameter, "invalid parameter: "+err.Error())
	}
	failed := []string{}
	e.mu.Lock()
	defer e.mu.Unlock()
	importOne := func(id string, profile *account) {
		switch _, exists := e.state.accounts[id]; {
		case !validUserID(id):
			failed = append(failed, id)
		case profile != nil && !(exists && e.cfg.Choices.ReimportKeepsProfile):
			e.state.accounts[id] = *profile
		case !exists:
			e.state.accounts[id] = account{}
		}
	}
	for _, id := range req.Accounts {
		importOne(id, nil)
	}
	for _, item := range req.AccountList {
		importOne(item.UserID, &account{nick: item.Nick, faceURL: item.FaceURL})
	}
	if len(failed) == 0 && e.cfg.Choices.FailAccountsAbsentWhenEmpty {
		return ok(nil)
	}
	return ok(map[string]any{"FailAccounts": failed})
}

// accountCheck implements im_open_login_svc/account_check.
// Vendor page: https://trtc.io/document/34956.
func (e *Emulator) accountCheck(c *call) answer {
	var req wire.AccountCheckRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(codeAccountInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	items := make([]wire.AccountCheckResult, 0, len(req.CheckItem))
	for _, item := range req.CheckItem {
		status := "NotImported"
		if e.state.imported(item.UserID) {
			status = "Imported"
		}
		items = append(items, wire.AccountCheckResult{UserID: item.UserID, AccountStatus: status})
	}
	return ok(map[string]any{"ResultItem": items})
}

// accountDelete implements im_open_login_svc/account_delete: each account gets its own
// result; administrators cannot be deleted. Vendor page: https://trtc.io/document/34955.
func (e *Emulator) accountDelete(c *call) answer {
	var req wire.AccountDeleteRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(codeAccountInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	items := make([]wire.AccountDeleteResult, 0, len(req.DeleteItem))
	for _, item := range req.DeleteItem {
		switch {
		case e.state.admins[item.UserID]:
			items = append(items, wire.AccountDeleteResult{ResultCode: codeAccountInvalidParameter, ResultInfo: "an App administrator cannot be deleted", UserID: item.UserID})
		case !e.state.imported(item.UserID) && !e.cfg.Choices.DeleteUnknownAccountSucceeds:
			items = append(items, wire.AccountDeleteResult{ResultCode: catalog.CodeAccountNotImported, ResultInfo: "account not imported", UserID: item.UserID})
		default:
			delete(e.state.accounts, item.UserID)
			items = append(items, wire.AccountDeleteResult{UserID: item.UserID})
		}
	}
	return ok(map[string]any{"ResultItem": items})
}
