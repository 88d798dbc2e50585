package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// maxImportBatch is the most accounts one multiaccount_import call may carry.
const maxImportBatch = 100

// AccountsService calls the Chat account commands of im_open_login_svc.
type AccountsService service

// Import imports accounts through multiaccount_import, in batches of at most 100, and stops at
// the first batch that fails. The answer gathers the FailAccounts of every batch answered and
// carries the envelope of the last; the *Response is the last batch's (nil when userIDs is
// empty, as nothing is sent).
// Vendor page: https://trtc.io/document/34954
func (s *AccountsService) Import(ctx context.Context, userIDs ...string) (*wire.MultiAccountImportResponse, *Response, error) {
	merged := &wire.MultiAccountImportResponse{}
	var last *Response
	for start := 0; start < len(userIDs); start += maxImportBatch {
		batch := wire.MultiAccountImportRequest{Accounts: userIDs[start:min(start+maxImportBatch, len(userIDs))]}
		answer, resp, err := callTyped[wire.MultiAccountImportResponse](ctx, s.client, catalog.ServiceAccount, "multiaccount_import", batch)
		last = resp
		if answer != nil {
			merged.Envelope = answer.Envelope
			merged.FailAccounts = append(merged.FailAccounts, answer.FailAccounts...)
		}
		if err != nil {
			return merged, resp, err
		}
	}
	return merged, last, nil
}

// Check calls account_check for the given accounts; each has its entry in ResultItem.
// Vendor page: https://trtc.io/document/34956
func (s *AccountsService) Check(ctx context.Context, userIDs ...string) (*wire.AccountCheckResponse, *Response, error) {
	req := wire.AccountCheckRequest{CheckItem: userIDItems(userIDs)}
	return callTyped[wire.AccountCheckResponse](ctx, s.client, catalog.ServiceAccount, "account_check", req)
}

// Delete calls account_delete for the given accounts; each has its entry in ResultItem.
// Vendor page: https://trtc.io/document/34955
func (s *AccountsService) Delete(ctx context.Context, userIDs ...string) (*wire.AccountDeleteResponse, *Response, error) {
	req := wire.AccountDeleteRequest{DeleteItem: userIDItems(userIDs)}
	return callTyped[wire.AccountDeleteResponse](ctx, s.client, catalog.ServiceAccount, "account_delete", req)
}

func userIDItems(userIDs []string) []wire.UserIDItem {
	items := make([]wire.UserIDItem, len(userIDs))
	for i, id := range userIDs {
		items[i] = wire.UserIDItem{UserID: id}
	}
	return items
}
