package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// AccountImportRequest is the account_import packet.
// Vendor page: https://trtc.io/document/34953 (Importing a Single Account).
type AccountImportRequest struct {
	UserID  string `json:"UserID"`
	Nick    string `json:"Nick,omitempty"`
	FaceURL string `json:"FaceUrl,omitempty"`
}

// MultiAccountImportRequest is the multiaccount_import packet (at most 100 accounts), in the
// original form (Accounts) or the newer one (AccountList, with profiles).
// Vendor page: https://trtc.io/document/34954 (Importing Multiple Accounts).
type MultiAccountImportRequest struct {
	Accounts    []string               `json:"Accounts,omitempty"`
	AccountList []AccountImportRequest `json:"AccountList,omitempty"`
}

// MultiAccountImportResponse lists the accounts that could not be imported.
type MultiAccountImportResponse struct {
	FailAccounts []string `json:"FailAccounts"`
}

// UserIDItem is one entry of CheckItem and DeleteItem.
type UserIDItem struct {
	UserID string `json:"UserID"`
}

// AccountCheckRequest is the account_check packet.
// Vendor page: https://trtc.io/document/34956 (Querying Accounts).
type AccountCheckRequest struct {
	CheckItem []UserIDItem `json:"CheckItem"`
}

// AccountCheckResult is one entry of the account_check answer.
type AccountCheckResult struct {
	UserID        string `json:"UserID"`
	ResultCode    int    `json:"ResultCode"`
	ResultInfo    string `json:"ResultInfo"`
	AccountStatus string `json:"AccountStatus"`
}

// AccountCheckResponse is the success answer of account_check.
type AccountCheckResponse struct {
	ResultItem []AccountCheckResult `json:"ResultItem"`
}

// AccountDeleteRequest is the account_delete packet.
// Vendor page: https://trtc.io/document/34955 (Deleting Accounts).
type AccountDeleteRequest struct {
	DeleteItem []UserIDItem `json:"DeleteItem"`
}

// ImportAccounts imports accounts in batches of at most 100 through multiaccount_import and
// returns the accounts the service reported as failed.
// Vendor page: https://trtc.io/document/34954 (Importing Multiple Accounts).
func (c *Client) ImportAccounts(ctx context.Context, userIDs ...string) ([]string, error) {
	var failed []string
	for start := 0; start < len(userIDs); start += 100 {
		end := min(start+100, len(userIDs))
		resp, err := c.Call(ctx, catalog.ServiceAccount, "multiaccount_import", MultiAccountImportRequest{Accounts: userIDs[start:end]})
		if err != nil {
			return failed, err
		}
		var answer MultiAccountImportResponse
		if err := resp.Decode(&answer); err != nil {
			return failed, err
		}
		failed = append(failed, answer.FailAccounts...)
	}
	return failed, nil
}

// CheckAccounts calls account_check for the given accounts.
// Vendor page: https://trtc.io/document/34956 (Querying Accounts).
func (c *Client) CheckAccounts(ctx context.Context, userIDs ...string) ([]AccountCheckResult, *Response, error) {
	resp, err := c.Call(ctx, catalog.ServiceAccount, "account_check", AccountCheckRequest{CheckItem: userIDItems(userIDs)})
	if err != nil {
		return nil, resp, err
	}
	var answer AccountCheckResponse
	if err := resp.Decode(&answer); err != nil {
		return nil, resp, err
	}
	return answer.ResultItem, resp, nil
}

// DeleteAccounts calls account_delete for the given accounts.
// Vendor page: https://trtc.io/document/34955 (Deleting Accounts).
func (c *Client) DeleteAccounts(ctx context.Context, userIDs ...string) (*Response, error) {
	return c.Call(ctx, catalog.ServiceAccount, "account_delete", AccountDeleteRequest{DeleteItem: userIDItems(userIDs)})
}

func userIDItems(userIDs []string) []UserIDItem {
	items := make([]UserIDItem, len(userIDs))
	for i, id := range userIDs {
		items[i] = UserIDItem{UserID: id}
	}
	return items
}
