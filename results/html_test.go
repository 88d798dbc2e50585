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

// TestHTMLInChromium opens the report in headless Chromium, as a reader would, and reads the
// matrix back from the rendered page.
func TestHTMLInChromium(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run installs it (apt-get update && apt-get install -y chromium)")
		}
		t.Skip("chromium is not installed: apt-get update && apt-get install -y chromium (CI installs it through .ci/run)")
	}
	dir := t.TempDir()
	r := matrixRun()
	page := filepath.Join(dir, "index.html")
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+page)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, tail(stderr.String(), 2000))
	}
	dom := stdout.String()
	if !strings.Contains(dom, `id="cell-counts"`) {
		t.Fatalf("chromium did not render the report; its DOM:\n%s\nstderr:\n%s", tail(dom, 2000), tail(stderr.String(), 2000))
	}
	doc := parseHTML(t, dom)
	assertMatrixEqual(t, readMatrix(t, doc), r.Matrix())
	counts := readCounts(t, doc, "cell-counts", "data-state")
	for s, n := range r.Matrix().Counts() {
		if counts[string(s)] != n {
			t.Errorf("cell count %s shown %d, want %d", s, counts[string(s)], n)
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
