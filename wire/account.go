package wire

// AccountImportRequest is the account_import packet, and one entry of the newer form of
// multiaccount_import.
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

// MultiAccountImportResponse is the answer of multiaccount_import: the accounts that could
// not be imported.
// Vendor page: https://trtc.io/document/34954 (Importing Multiple Accounts).
type MultiAccountImportResponse struct {
	Envelope
	FailAccounts []string `json:"FailAccounts"`
}

// UserIDItem is one entry of CheckItem and DeleteItem.
// Vendor pages: https://trtc.io/document/34956 (Querying Accounts),
// https://trtc.io/document/34955 (Deleting Accounts).
type UserIDItem struct {
	UserID string `json:"UserID"`
}

// AccountCheckRequest is the account_check packet.
// Vendor page: https://trtc.io/document/34956 (Querying Accounts).
type AccountCheckRequest struct {
	CheckItem []UserIDItem `json:"CheckItem"`
}

// AccountCheckResult is one entry of the account_check answer; AccountStatus is Imported or
// NotImported.
// Vendor page: https://trtc.io/document/34956 (Querying Accounts).
type AccountCheckResult struct {
	UserID        string `json:"UserID"`
	ResultCode    int    `json:"ResultCode"`
	ResultInfo    string `json:"ResultInfo"`
	AccountStatus string `json:"AccountStatus"`
}

// AccountCheckResponse is the answer of account_check.
// Vendor page: https://trtc.io/document/34956 (Querying Accounts).
type AccountCheckResponse struct {
	Envelope
	ResultItem []AccountCheckResult `json:"ResultItem"`
}

// AccountDeleteRequest is the account_delete packet.
// Vendor page: https://trtc.io/document/34955 (Deleting Accounts).
type AccountDeleteRequest struct {
	DeleteItem []UserIDItem `json:"DeleteItem"`
}

// AccountDeleteResult is one entry of the account_delete answer, in the sample's attribute
// order: each account has its own result (70107 when it was never imported).
// Vendor page: https://trtc.io/document/34955 (Deleting Accounts).
type AccountDeleteResult struct {
	ResultCode int    `json:"ResultCode"`
	ResultInfo string `json:"ResultInfo"`
	UserID     string `json:"UserID"`
}

// AccountDeleteResponse is the answer of account_delete.
// Vendor page: https://trtc.io/document/34955 (Deleting Accounts).
type AccountDeleteResponse struct {
	Envelope
	ResultItem []AccountDeleteResult `json:"ResultItem"`
}
