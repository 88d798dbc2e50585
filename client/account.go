package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// ImportAccounts imports accounts in batches of at most 100 through multiaccount_import and
// returns the accounts the service reported as failed.
// Vendor page: https://trtc.io/document/34954 (Importing Multiple Accounts).
func (c *Client) ImportAccounts(ctx context.Context, userIDs ...string) ([]string, error) {
	var failed []string
	for start := 0; start < len(userIDs); start += 100 {
		end := min(start+100, len(userIDs))
		resp, err := c.Call(ctx, catalog.ServiceAccount, "multiaccount_import", wire.MultiAccountImportRequest{Accounts: userIDs[start:end]})
		if err != nil {
			return failed, err
		}
		var answer wire.MultiAccountImportResponse
		if err := resp.Decode(&answer); err != nil {
			return failed, err
		}
		failed = append(failed, answer.FailAccounts...)
	}
	return failed, nil
}

// CheckAccounts calls account_check for the given accounts.
// Vendor page: https://trtc.io/document/34956 (Querying Accounts).
func (c *Client) CheckAccounts(ctx context.Context, userIDs ...string) ([]wire.AccountCheckResult, *Response, error) {
	resp, err := c.Call(ctx, catalog.ServiceAccount, "account_check", wire.AccountCheckRequest{CheckItem: userIDItems(userIDs)})
	if err != nil {
		return nil, resp, err
	}
	var answer wire.AccountCheckResponse
	if err := resp.Decode(&answer); err != nil {
		return nil, resp, err
	}
	return answer.ResultItem, resp, nil
}

// DeleteAccounts calls account_delete for the given accounts.
// Vendor page: https://trtc.io/document/34955 (Deleting Accounts).
func (c *Client) DeleteAccounts(ctx context.Context, userIDs ...string) (*Response, error) {
	return c.Call(ctx, catalog.ServiceAccount, "account_delete", wire.AccountDeleteRequest{DeleteItem: userIDItems(userIDs)})
}

func userIDItems(userIDs []string) []wire.UserIDItem {
	items := make([]wire.UserIDItem, len(userIDs))
	for i, id := range userIDs {
		items[i] = wire.UserIDItem{UserID: id}
	}
	return items
}
