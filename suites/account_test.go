package suites

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// codeAccountInvalidParameter is the Chat account pages' "invalid parameter" code.
const codeAccountInvalidParameter = 70402

// Chat account management, which the suite uses to import room owners.
var _ = Describe("Chat accounts", labels.Area("account"), func() {

	// Importing a Single Account: https://trtc.io/document/34953
	Describe("account_import", labels.Command(catalog.ServiceAccount, "account_import"), func() {
		It("imports an account that account_check then reports as Imported", labels.Code(0), func(ctx SpecContext) {
			id := strings.ReplaceAll(uniqueName("acct"), "-", "_")
			resp := call(ctx, catalog.ServiceAccount, "account_import", wire.AccountImportRequest{UserID: id, Nick: "nick"})
			Expect(resp).To(BeDocumentedAnswer(0))

			checked, check, err := session.Client.Accounts.Check(ctx, id)
			answered(check, err)
			Expect(check).To(BeDocumentedAnswer(0))
			results := checked.ResultItem
			Expect(results).To(ConsistOf(MatchFields(map[string]any{"UserID": id, "AccountStatus": "Imported"})))
		})

		DescribeTable("refuses an invalid UserID with 70402",
			func(ctx SpecContext, body string) {
				resp := send(ctx, client.Request{Service: catalog.ServiceAccount, Command: "account_import", Body: []byte(body)})
				Expect(resp).To(BeDocumentedAnswer(codeAccountInvalidParameter))
			},
			Entry("UserID missing", labels.Code(70402), `{"Nick":"nobody"}`),
			Entry("UserID of 33 bytes", labels.Code(70402), `{"UserID":"`+strings.Repeat("u", 33)+`"}`),
		)
	})

	// Importing Multiple Accounts: https://trtc.io/document/34954
	Describe("multiaccount_import", labels.Command(catalog.ServiceAccount, "multiaccount_import"), func() {
		It("imports every account of both documented forms", labels.Code(0), func(ctx SpecContext) {
			plain, profiled := strings.ReplaceAll(uniqueName("acct"), "-", "_"), strings.ReplaceAll(uniqueName("acct"), "-", "_")
			for _, req := range []wire.MultiAccountImportRequest{
				{Accounts: []string{plain}},
				{AccountList: []wire.AccountImportRequest{{UserID: profiled, Nick: "n"}}},
			} {
				resp := call(ctx, catalog.ServiceAccount, "multiaccount_import", req)
				Expect(resp).To(BeDocumentedAnswer(0))
			}
			checked, check, err := session.Client.Accounts.Check(ctx, plain, profiled)
			answered(check, err)
			Expect(check).To(BeDocumentedAnswer(0))
			results := checked.ResultItem
			Expect(results).To(HaveEach(MatchFields(map[string]any{"AccountStatus": "Imported"})))
			Expect(results).To(HaveLen(2))
		})
	})

	// Querying Accounts: https://trtc.io/document/34956
	Describe("account_check", labels.Command(catalog.ServiceAccount, "account_check"), func() {
		It("reports an account that was never imported as NotImported", labels.Code(0), func(ctx SpecContext) {
			id := strings.ReplaceAll(uniqueName("never"), "-", "_")
			checked, check, err := session.Client.Accounts.Check(ctx, id)
			answered(check, err)
			Expect(check).To(BeDocumentedAnswer(0))
			results := checked.ResultItem
			Expect(results).To(ConsistOf(MatchFields(map[string]any{"UserID": id, "AccountStatus": "NotImported"})))
		})
	})

	// Deleting Accounts: https://trtc.io/document/34955
	Describe("account_delete", labels.Command(catalog.ServiceAccount, "account_delete"), labels.EmulatorOnly(), func() {
		It("deletes an imported account, which account_check then reports as NotImported", labels.Code(0), func(ctx SpecContext) {
			id := strings.ReplaceAll(uniqueName("gone"), "-", "_")
			importAccounts(ctx, id)
			_, resp, err := session.Client.Accounts.Delete(ctx, id)
			answered(resp, err)
			Expect(resp).To(BeDocumentedAnswer(0))

			checked, check, err := session.Client.Accounts.Check(ctx, id)
			answered(check, err)
			results := checked.ResultItem
			Expect(results).To(ConsistOf(MatchFields(map[string]any{"UserID": id, "AccountStatus": "NotImported"})))
		})
	})
})
