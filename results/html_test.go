package results

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func renderHTML(t *testing.T, r *Run) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestHTMLIsSelfContainedAndRedacted(t *testing.T) {
	page := renderHTML(t, matrixRun())
	for _, forbidden := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script`), regexp.MustCompile(`(?i)<link`), regexp.MustCompile(`(?i)<img`),
		regexp.MustCompile(`(?i)<iframe`), regexp.MustCompile(`(?i)\ssrc=`), regexp.MustCompile(`(?i)url\(`), regexp.MustCompile(`(?i)@import`),
	} {
		if loc := forbidden.FindStringIndex(page); loc != nil {
			t.Errorf("the page loads something (%s): %q", forbidden, page[max(loc[0]-40, 0):min(loc[1]+40, len(page))])
		}
	}
	if strings.Contains(page, secretSig) || strings.Contains(page, secretSig[:20]) {
		t.Error("a UserSig reached the page")
	}
	if !strings.Contains(page, "usersig=REDACTED") {
		t.Error("the redacted URL is not shown")
	}
	if strings.Contains(page, "<b>bold</b>") || !strings.Contains(page, "&lt;b&gt;bold&lt;/b&gt;") {
		t.Error("a spec name was not escaped")
	}
}

func TestHTMLShowsTargetCountsAndEveryFailure(t *testing.T) {
	r := matrixRun()
	doc := parseHTML(t, renderHTML(t, r))
	text := textOf(doc)
	for _, want := range []string{
		"http://127.0.0.1:9080", "1400000001", "administrator", "(set, REDACTED)", "label filter",
		// the failure: spec, message with its schema errors, request and response
		"Room management create_room refuses a taken room ID with 100003",
		"String length must be greater than or equal to 1",
		`"RoomId": "r1"`, `"RequestId": "b"`, "suites/room_test.go:250",
		// the error, with its transport error
		"no answer: i/o timeout",
		// the known deviation, with its declaration, and the one no longer observed
		"the service answers 0 with an empty room (https://trtc.io/document/60704)",
		"RoomName reset on update (https://trtc.io/document/60705)",
		// skipped specs with their reasons
		"not selected by the label or focus filter",
		// the not-provokable cells with their reason
		"needs fault injection or another control-plane action",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	problems := findAll(doc, func(n *html.Node) bool { return n.Data == "details" && hasClass(n, "problem") })
	if len(problems) != 4 {
		t.Errorf("%d failure sections, want 4 (2 failed, 1 error, 1 known deviation)", len(problems))
	}
	counts := readCounts(t, doc, "counts", "data-outcome")
	for o, n := range r.Counts() {
		if counts[string(o)] != n {
			t.Errorf("count %s shown %d, want %d", o, counts[string(o)], n)
		}
	}
}

func TestHTMLMatrixCellsCarryTheirState(t *testing.T) {
	r := matrixRun()
	got := readMatrix(t, parseHTML(t, renderHTML(t, r)))
	assertMatrixEqual(t, got, r.Matrix())
}

// chromiumArgs are the flags of a headless Chromium that touches nothing but the page.
func chromiumArgs(profile string) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile}
}

// runChromium runs the browser with args and returns its standard output.
func runChromium(t *testing.T, browser string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, tail(stderr.String(), 2000))
	}
	return stdout.String()
}

func writePage(t *testing.T, dir string, r *Run) string {
	t.Helper()
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, []byte(renderHTML(t, r)), 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

// TestHTMLInChromium opens the report in headless Chromium, as a reader would, and reads the
// matrix back from the rendered page, and follows the links from the list of failures.
func TestHTMLInChromium(t *testing.T) {
	browser := needTool(t, "chromium", "chromium")
	dir := t.TempDir()
	r := matrixRun()
	page := writePage(t, dir, r)
	dom := runChromium(t, browser, append(chromiumArgs(filepath.Join(dir, "profile")), "--dump-dom", "file://"+page)...)
	if !strings.Contains(dom, `id="cell-counts"`) {
		t.Fatalf("chromium did not render the report; its DOM:\n%s", tail(dom, 2000))
	}
	doc := parseHTML(t, dom)
	assertMatrixEqual(t, readMatrix(t, doc), r.Matrix())
	counts := readCounts(t, doc, "cell-counts", "data-state")
	for s, n := range r.Matrix().Counts() {
		if counts[string(s)] != n {
			t.Errorf("cell count %s shown %d, want %d", s, counts[string(s)], n)
		}
	}
	assertFailureLinks(t, doc, r)
}

// assertFailureLinks checks the list at the top of the page: one link per failed, errored
// and known-deviation spec, failures and errors first, each pointing at an element that
// exists and holds that spec.
func assertFailureLinks(t *testing.T, doc *html.Node, r *Run) {
	t.Helper()
	lists := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == "problem-links" })
	if len(lists) != 1 {
		t.Fatalf("%d lists of failure links, want 1", len(lists))
	}
	links := findAll(lists[0], func(n *html.Node) bool { return n.Data == "a" })
	want := 0
	for _, s := range r.Specs {
		if o := s.Outcome.normalized(); o == Fail || o == Error || o == KnownDeviation {
			want++
		}
	}
	if len(links) != want {
		t.Errorf("%d failure links, want %d", len(links), want)
	}
	sawDeviation := false
	for _, a := range links {
		href := attr(a, "href")
		targets := findAll(doc, func(n *html.Node) bool { return "#"+attr(n, "id") == href })
		if !strings.HasPrefix(href, "#") || len(targets) != 1 {
			t.Errorf("link %q (%s) points at %d elements, want 1", href, textOf(a), len(targets))
			continue
		}
		name := strings.TrimSpace(textOf(findAll(a, func(n *html.Node) bool { return n.Data == "span" })[0].NextSibling))
		if !strings.Contains(textOf(targets[0]), name) {
			t.Errorf("link to %q leads to a section that does not name it", name)
		}
		deviation := attr(targets[0], "data-outcome") == outcomeLabel(KnownDeviation)
		if sawDeviation && !deviation {
			t.Errorf("%q is listed after a known deviation: failures and errors come first", name)
		}
		sawDeviation = sawDeviation || deviation
	}
}

// TestHTMLScreenshotAt1280 renders the report at 1280×1000 pixels, the width the matrix must
// stay readable at, and checks that Chromium produced an image of that size (the PNG header).
// Set TRTC_KEEP_SCREENSHOT to a file name to keep the image for a look.
func TestHTMLScreenshotAt1280(t *testing.T) {
	browser := needTool(t, "chromium", "chromium")
	dir := t.TempDir()
	for name, r := range map[string]*Run{"report": matrixRun(), "stopped": stoppedRun()} {
		page := writePage(t, t.TempDir(), r)
		shot := filepath.Join(dir, name+".png")
		runChromium(t, browser, append(chromiumArgs(filepath.Join(dir, "profile-"+name)),
			"--window-size=1280,1000", "--screenshot="+shot, "file://"+page)...)
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatalf("%s: no screenshot: %v", name, err)
		}
		width, height, err := pngSize(data)
		if err != nil || width != 1280 || height != 1000 {
			t.Errorf("%s: screenshot %d×%d (%v), want 1280×1000", name, width, height, err)
		}
		if keep := os.Getenv("TRTC_KEEP_SCREENSHOT"); keep != "" {
			if err := os.WriteFile(strings.TrimSuffix(keep, ".png")+"-"+name+".png", data, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}

// pngSize reads the width and height from a PNG's header: the signature, then the IHDR chunk
// (length, type, width, height, big-endian).
func pngSize(data []byte) (width, height int, err error) {
	const signature = "\x89PNG\r\n\x1a\n"
	if len(data) < 24 || string(data[:8]) != signature || string(data[12:16]) != "IHDR" {
		return 0, 0, errors.New("not a PNG")
	}
	be := func(b []byte) int { return int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3]) }
	return be(data[16:20]), be(data[20:24]), nil
}

// stoppedRun is a run whose set-up failed: the target did not answer the probe, no spec ran.
func stoppedRun() *Run {
	return &Run{Suite: "TRTC Conference REST API conformance", Target: Target{Kind: TargetRemote, Endpoint: "http://127.0.0.1:9"},
		Specs: []SpecResult{
			{ID: "[SynchronizedBeforeSuite] ", Name: "[SynchronizedBeforeSuite] ", Outcome: Error,
				Reason: "environment error: probe account_check: dial tcp 127.0.0.1:9: connect: connection refused\nat /x/suites/suite_test.go:64"},
			{ID: "Room management create_room creates a room", Name: "Room management create_room creates a room", Outcome: Skipped, Reason: ReasonNotSelected},
		}}
}

// TestHTMLStoppedAtSetup: a run in which no spec ran says so at the top, with its target and
// the reason, instead of an empty matrix.
func TestHTMLStoppedAtSetup(t *testing.T) {
	doc := parseHTML(t, renderHTML(t, stoppedRun()))
	stops := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == "setup-stop" })
	if len(stops) != 1 {
		t.Fatalf("%d set-up notices, want 1", len(stops))
	}
	text := textOf(stops[0])
	for _, want := range []string{"no spec ran", "remote", "http://127.0.0.1:9", "connection refused"} {
		if !strings.Contains(text, want) {
			t.Errorf("the set-up notice lacks %q: %s", want, text)
		}
	}
	if tables := findAll(doc, func(n *html.Node) bool { return n.Data == "table" && hasClass(n, "matrix") }); len(tables) != 0 {
		t.Errorf("%d matrix tables on a page where no spec ran", len(tables))
	}
	if len(findAll(parseHTML(t, renderHTML(t, matrixRun())), func(n *html.Node) bool { return attr(n, "id") == "setup-stop" })) != 0 {
		t.Error("a run whose specs ran shows the set-up notice")
	}
	for name, r := range map[string]*Run{
		"no spec at all":      {},
		"every spec skipped":  {Specs: []SpecResult{{Name: "a", Outcome: Skipped, Reason: "needs the control plane"}}},
		"a spec that ran":     {Specs: []SpecResult{{Name: "a", Outcome: Pass}, {Name: "b", Outcome: Skipped}}},
		"a failed AfterSuite": {Specs: []SpecResult{{Name: "a", Outcome: Pass}, {Name: "[AfterSuite] ", Outcome: Error}}},
	} {
		stopped, reason := stoppedAtSetup(r)
		if want := !strings.HasPrefix(name, "a "); stopped != want || (stopped && reason == "") {
			t.Errorf("%s: stopped %v (%q), want %v with a reason", name, stopped, reason, want)
		}
	}
}

type matrixKey struct {
	command string
	code    int
}

// readMatrix reads every matrix cell of the page: its data-command, data-code, data-state and
// data-documented attributes, and checks that its text agrees with its state.
func readMatrix(t *testing.T, doc *html.Node) map[matrixKey]MatrixCell {
	t.Helper()
	out := map[matrixKey]MatrixCell{}
	tables := findAll(doc, func(n *html.Node) bool { return n.Data == "table" && hasClass(n, "matrix") })
	if len(tables) == 0 {
		t.Fatal("no matrix table on the page")
	}
	for _, table := range tables {
		for _, n := range findAll(table, func(n *html.Node) bool { return attr(n, "data-state") != "" }) {
			code, err := strconv.Atoi(attr(n, "data-code"))
			if err != nil {
				t.Fatalf("cell with data-code %q", attr(n, "data-code"))
			}
			k := matrixKey{attr(n, "data-command"), code}
			if _, dup := out[k]; dup {
				t.Errorf("cell %v twice", k)
			}
			c := MatrixCell{Code: code, State: CellState(attr(n, "data-state")), Documented: attr(n, "data-documented") == "true"}
			text := strings.TrimSpace(textOf(n))
			c.Injected = strings.HasSuffix(text, "*")
			if !hasClass(n, "s-"+string(c.State)) {
				t.Errorf("cell %v: state %s but classes %q (the colour would lie)", k, c.State, attr(n, "class"))
			}
			if want := map[CellState]string{CellPassed: "pass", CellFailed: "FAIL", CellOtherCode: "got", CellError: "error",
				CellKnownDeviation: "dev", CellNotProvokable: "n/p", CellNotCovered: "–"}[c.State]; !strings.Contains(text, want) {
				t.Errorf("cell %v (%s) reads %q, want it to contain %q", k, c.State, text, want)
			}
			out[k] = c
		}
	}
	return out
}

func assertMatrixEqual(t *testing.T, got map[matrixKey]MatrixCell, want Matrix) {
	t.Helper()
	n := 0
	for _, row := range want.Rows {
		for _, c := range row.Cells {
			n++
			g, ok := got[matrixKey{row.Key(), c.Code}]
			if !ok {
				t.Errorf("the page lacks cell %s %d", row.Key(), c.Code)
				continue
			}
			if g.State != c.State || g.Documented != c.Documented || g.Injected != c.Injected {
				t.Errorf("cell %s %d reads %s (documented %v, injected %v), want %s (documented %v, injected %v)",
					row.Key(), c.Code, g.State, g.Documented, g.Injected, c.State, c.Documented, c.Injected)
			}
		}
	}
	if len(got) != n {
		t.Errorf("the page has %d cells, the matrix %d", len(got), n)
	}
}

func readCounts(t *testing.T, doc *html.Node, id, key string) map[string]int {
	t.Helper()
	lists := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == id })
	if len(lists) != 1 {
		t.Fatalf("%d elements with id %s", len(lists), id)
	}
	out := map[string]int{}
	for _, li := range findAll(lists[0], func(n *html.Node) bool { return n.Data == "li" }) {
		bs := findAll(li, func(n *html.Node) bool { return n.Data == "b" })
		if len(bs) != 1 {
			t.Fatalf("count item without its number: %q", textOf(li))
		}
		v, err := strconv.Atoi(strings.TrimSpace(textOf(bs[0])))
		if err != nil {
			t.Fatalf("count %q: %v", textOf(bs[0]), err)
		}
		out[attr(li, key)] = v
	}
	return out
}

func parseHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func TestWriteHTMLReportsWriteErrors(t *testing.T) {
	err := WriteHTML(failingWriter{}, matrixRun())
	if err == nil || !errors.Is(err, errWrite) {
		t.Errorf("err = %v, want the writer's error wrapped", err)
	}
}

var errWrite = fmt.Errorf("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }
