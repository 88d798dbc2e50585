package suites

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/harness"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Accounts imported at suite start: room owners must be imported accounts.
const (
	ownerA  = "trtcconf_owner_a"
	ownerB  = "trtcconf_owner_b"
	member1 = "trtcconf_member_1"
	member2 = "trtcconf_member_2"
)

var nameSeq atomic.Int64

// uniqueName returns a name unique to this run and process, so that runs and parallel
// processes sharing a target never collide: "<prefix>-<run>-p<process>-<n>".
func uniqueName(prefix string) string {
	return fmt.Sprintf("%s-%s-p%d-%d", prefix, session.RunID, GinkgoParallelProcess(), nameSeq.Add(1))
}

// answered returns the answer of a call. No answer at all (connection refused, timeout) is
// the environment's failure, not the target's, and ends the spec with outcome error. So is a
// frequency refusal the client retried in vain: the documented limits are the application's,
// shared with every other caller, and say nothing of the call (a spec that provokes one sends
// with SkipBudget, and sees it).
func answered(resp *client.Response, err error) *client.Response {
	GinkgoHelper()
	var transport *client.TransportError
	if errors.As(err, &transport) || resp == nil {
		harness.FailEnvironment(err)
	}
	if resp.Throttled {
		harness.FailEnvironment(fmt.Errorf("%s/%s: still refused for frequency (%s) after %d retries: the application's budget is used up by other callers",
			resp.Service, resp.Command, catalog.Describe(resp.Code()), resp.Retries))
	}
	return resp
}

// send issues a wire-level request and returns its answer.
func send(ctx context.Context, req client.Request) *client.Response {
	GinkgoHelper()
	return answered(session.Client.Do(ctx, req))
}

// call marshals body and sends it to service/command.
func call(ctx context.Context, service, command string, body any) *client.Response {
	GinkgoHelper()
	return answered(session.Client.Call(ctx, service, command, body))
}

// raw sends a literal JSON body to a room command. The family helpers send through request;
// raw stays for the gateway and overview specs, which keep their own calls.
//
//lint:ignore U1000 part of the helper set other spec files are written against
func raw(ctx context.Context, command, body string) *client.Response {
	GinkgoHelper()
	return send(ctx, client.Request{Service: catalog.ServiceRoom, Command: command, Body: []byte(body)})
}

// importAccounts imports accounts and expects none to fail.
func importAccounts(ctx context.Context, ids ...string) {
	GinkgoHelper()
	imported, _, err := session.Client.Accounts.Import(ctx, ids...)
	failed := imported.FailAccounts
	var transport *client.TransportError
	if errors.As(err, &transport) {
		harness.FailEnvironment(err)
	}
	Expect(err).NotTo(HaveOccurred(), "importing the suite's accounts")
	Expect(failed).To(BeEmpty(), "accounts the target refused to import")
}

// utf8OfBytes builds a string of exactly n bytes from 3-byte "€" padded with ASCII, so that a
// service counting characters instead of bytes accepts what it must refuse.
func utf8OfBytes(n int) string {
	return strings.Repeat("€", n/3) + strings.Repeat("a", n%3)
}

// waitPastCreateRateWindow waits until more than a second has passed since start, so that
// the once-per-second create rule (100012) cannot explain a refusal.
func waitPastCreateRateWindow(start time.Time) {
	if wait := time.Until(start.Add(1100 * time.Millisecond)); wait > 0 {
		time.Sleep(wait)
	}
}

// crowd is a pool of imported accounts for rooms with many members, imported once per process.
var (
	crowdOnce sync.Once
	crowd     []string
)

func crowdOf(ctx context.Context, n int) []string {
	GinkgoHelper()
	crowdOnce.Do(func() {
		crowd = make([]string, 110)
		for i := range crowd {
			crowd[i] = fmt.Sprintf("trtcconf_crowd_%03d", i)
		}
		importAccounts(ctx, crowd...)
	})
	Expect(n).To(BeNumerically("<=", len(crowd)), "the crowd pool is too small for this spec")
	return crowd[:n]
}

// accountsJSON renders the first n accounts of the crowd as a JSON array.
func accountsJSON(n int) string {
	quoted := make([]string, n)
	for i := range quoted {
		quoted[i] = fmt.Sprintf(`"trtcconf_crowd_%03d"`, i)
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

// enter makes accounts enter a room through the control plane.
func enter(ctx context.Context, roomID string, accounts ...string) {
	GinkgoHelper()
	for _, account := range accounts {
		Expect(session.Control.Enter(ctx, roomID, account)).To(Succeed(), "%s entering %s", account, roomID)
	}
}

// paginationEntries builds, for each page size (0: the command's default, defaultSize), lists
// of 0, 1, a page, a page and one, and several entries (each size once: with pages of one,
// "1" and "a page" are the same list).
func paginationEntries(pageSizes []int, defaultSize int) []TableEntry {
	var entries []TableEntry
	for _, pageSize := range pageSizes {
		size, name := pageSize, fmt.Sprintf("page size %d", pageSize)
		if pageSize == 0 {
			size, name = defaultSize, fmt.Sprintf("the default page size (%d)", defaultSize)
		}
		var sizes []int
		for _, listSize := range []int{0, 1, size, size + 1, 2*size + 3} {
			if !slices.Contains(sizes, listSize) {
				sizes = append(sizes, listSize)
				entries = append(entries, Entry(fmt.Sprintf("%s, %d entries", name, listSize), pageSize, listSize))
			}
		}
	}
	return entries
}

// roomJSON builds {"RoomInfo":{"RoomId":id,<fields>}} for packets a typed request cannot express.
func roomJSON(id, fields string) string {
	if fields != "" {
		fields = "," + fields
	}
	return `{"RoomInfo":{"RoomId":"` + id + `"` + fields + `}}`
}

// padTo extends an ASCII ID with '0' to exactly n bytes.
func padTo(id string, n int) string {
	return id + strings.Repeat("0", n-len(id))
}

// schedule returns a start `from` now and an end `length` seconds later.
func schedule(from time.Duration, length int64) (*int64, *int64) {
	start := time.Now().Add(from).Unix()
	return wire.Ptr(start), wire.Ptr(start + length)
}

// restoreClockWhenDone returns the emulator's clock to the wall clock when the spec ends. Specs
// call it after creating their rooms, so that the clock is back (and the suite's tickets valid)
// before the rooms are destroyed; they are serialWhereShared, since the clock is the emulator's.
func restoreClockWhenDone() {
	DeferCleanup(func() {
		_, err := session.Control.Clock(background(), control.ClockRequest{Real: true})
		Expect(err).NotTo(HaveOccurred())
	})
}

// longTicketClient is a client like the session's whose UserSig tickets stay valid when a spec
// moves the emulator's clock a day or more ahead (the session's tickets last 24 hours).
func longTicketClient() *client.Client {
	GinkgoHelper()
	cfg := session.Client.Config()
	cfg.UserSigTTL = 7 * 24 * time.Hour
	far, err := client.New(cfg)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(far.Close)
	return far
}

// serialWhereShared is Serial when the processes of a parallel run share the target (an
// endpoint is set): the specs it decorates change or read what is the application's or the
// target's (its callback configuration, its clock, injected answers, a command's rate budget,
// the gift catalogue). The embedded emulator is each process's own, and there they run in
// parallel like the others.
var serialWhereShared = func() any {
	if os.Getenv(harness.EnvEndpoint) == "" {
		return Label() // no decorator: no labels added
	}
	return Serial
}()
