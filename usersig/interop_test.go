package usersig

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// The interoperability proof: tickets from the vendor's official Node.js
// generator (npm tls-sig-api-v2 1.0.2, pinned in testdata/interop) verify
// with this package, decode to the same fields and HMAC as this package's
// own tickets for the same inputs and time, and fail with the wrong key.
// (vendor: https://trtc.io/document/35166 UserSig)

const interopInstall = "run `npm ci --prefix usersig/testdata/interop` (from the repository root) to install the vendor's tls-sig-api-v2 1.0.2"

// interopRequest is what testdata/interop/gen.js reads.
type interopRequest struct {
	SDKAppID      uint64  `json:"sdkappid"`
	Key           string  `json:"key"`
	Identifier    string  `json:"identifier"`
	Expire        int64   `json:"expire"`
	Now           int64   `json:"now"`
	UserBufBase64 *string `json:"userbuf_base64,omitempty"`
}

type interopCase struct {
	req     interopRequest
	userBuf []byte // meaningful when req.UserBufBase64 != nil
}

func (c interopCase) name() string {
	buf := "no-userbuf"
	if c.req.UserBufBase64 != nil {
		buf = fmt.Sprintf("userbuf-%dB", len(c.userBuf))
	}
	return fmt.Sprintf("%s/%d/exp%d/t%d/%s", c.req.Identifier, c.req.SDKAppID, c.req.Expire, c.req.Now, buf)
}

// interopNode returns the node binary, or fails (CI) or skips (elsewhere)
// when node or the pinned vendor package is missing.
func interopNode(t *testing.T) string {
	t.Helper()
	missing := ""
	node, err := exec.LookPath("node")
	if err != nil {
		missing = "node is not on PATH"
	} else if _, err := os.Stat(filepath.Join("testdata", "interop", "node_modules", "tls-sig-api-v2", "TLSSigAPIv2.js")); err != nil {
		missing = "testdata/interop/node_modules/tls-sig-api-v2 is not installed"
	}
	if missing == "" {
		return node
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("interop with the vendor's Node generator cannot run in CI: %s; %s", missing, interopInstall)
	}
	t.Skipf("%s; %s", missing, interopInstall)
	return ""
}

func interopCases() []interopCase {
	bufs := []*[]byte{
		nil,
		{},
		{'h', 'e', 'l', 'l', 'o'},
		{0x00, 0xff, 0x00, 0x80, 0x7f, 0xff, 0x00},
		func() *[]byte { // every byte value, twice
			b := make([]byte, 512)
			for i := range b {
				b[i] = byte(i)
			}
			return &b
		}(),
	}
	ids := []string{
		"administrator",
		"a",
		"user_01-X",
		"abcdefghijklmnopqrstuvwxyz_-0123", // 32 bytes
	}
	// The vendor's genSig only concatenates and Number()s the sdkappid, so
	// values above 32 bits (up to 2^53-1, exact in a JS number) are in
	// scope; only its PrivateMapKey user-buffer builder uses 32-bit ops.
	appIDs := []uint64{1400000000, 1, 4294967295, 20000000000, 1<<53 - 1}
	expires := []int64{1, 86400, 86400 * 180, 315360000}
	nows := []int64{1700000000, 0, 4102444800}

	var out []interopCase
	i := 0
	for _, b := range bufs {
		for _, id := range ids {
			for _, app := range appIDs {
				c := interopCase{req: interopRequest{
					SDKAppID:   app,
					Key:        fmt.Sprintf("%064x", uint64(i)*0x9e3779b97f4a7c15),
					Identifier: id,
					Expire:     expires[i%len(expires)],
					Now:        nows[i%len(nows)],
				}}
				if b != nil {
					enc := base64.StdEncoding.EncodeToString(*b)
					c.req.UserBufBase64 = &enc
					c.userBuf = *b
				}
				out = append(out, c)
				i++
			}
		}
	}
	return out
}

// runNode generates all tickets with one node process.
func runNode(t *testing.T, node string, cases []interopCase) []string {
	t.Helper()
	reqs := make([]interopRequest, len(cases))
	for i, c := range cases {
		reqs[i] = c.req
	}
	in, err := json.Marshal(reqs)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "gen.js")
	cmd.Dir = filepath.Join("testdata", "interop")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outBytes, err := cmd.Output()
	if err != nil {
		t.Fatalf("node gen.js: %v\n%s", err, stderr.Bytes())
	}
	var resp []struct {
		UserSig string `json:"usersig"`
	}
	if err := json.Unmarshal(outBytes, &resp); err != nil {
		t.Fatalf("node gen.js output %q: %v", outBytes, err)
	}
	if len(resp) != len(cases) {
		t.Fatalf("node gen.js returned %d tickets for %d requests", len(resp), len(cases))
	}
	out := make([]string, len(resp))
	for i, r := range resp {
		out[i] = r.UserSig
	}
	return out
}

func TestInteropVendorNode(t *testing.T) {
	node := interopNode(t)
	cases := interopCases()
	nodeSigs := runNode(t, node, cases)

	for i, c := range cases {
		t.Run(c.name(), func(t *testing.T) {
			nodeSig := nodeSigs[i]
			hasBuf := c.req.UserBufBase64 != nil
			now := time.Unix(c.req.Now, 0)
			opts := VerifyOptions{ExpectUserBuf: hasBuf}

			// (a) The vendor's ticket verifies here at the same now, and
			// through its last valid second.
			got, err := Verify(nodeSig, c.req.SDKAppID, c.req.Key, c.req.Identifier, now, opts)
			if err != nil {
				t.Fatalf("Verify(node ticket): %v", err)
			}
			end := time.Unix(c.req.Now+c.req.Expire, 0)
			if _, err := Verify(nodeSig, c.req.SDKAppID, c.req.Key, c.req.Identifier, end, opts); err != nil {
				t.Errorf("Verify(node ticket) at time+expire: %v", err)
			}
			_, err = Verify(nodeSig, c.req.SDKAppID, c.req.Key, c.req.Identifier, end.Add(time.Second), opts)
			assertOnly(t, err, ErrExpired)

			// (b) The vendor's ticket and ours decode to the same fields and
			// HMAC.
			var goSig string
			expire := time.Duration(c.req.Expire) * time.Second
			if hasBuf {
				goSig, err = GenerateWithUserBuf(c.req.SDKAppID, c.req.Key, c.req.Identifier, expire, now, c.userBuf)
			} else {
				goSig, err = Generate(c.req.SDKAppID, c.req.Key, c.req.Identifier, expire, now)
			}
			if err != nil {
				t.Fatal(err)
			}
			fromNode, err := Decode(nodeSig)
			if err != nil {
				t.Fatal(err)
			}
			fromGo, err := Decode(goSig)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(fromNode, fromGo) {
				t.Fatalf("decoded tickets differ:\nnode %+v\n  go %+v", fromNode, fromGo)
			}
			if !reflect.DeepEqual(got, fromNode) {
				t.Fatalf("Verify returned %+v, Decode %+v", got, fromNode)
			}
			want := Ticket{
				Version: "2.0", Identifier: c.req.Identifier, SDKAppID: c.req.SDKAppID,
				Time: c.req.Now, Expire: c.req.Expire, HasUserBuf: hasBuf, Sig: fromGo.Sig,
			}
			if hasBuf {
				want.UserBuf = append([]byte{}, c.userBuf...)
			}
			if !reflect.DeepEqual(*fromNode, want) {
				t.Fatalf("node ticket %+v, want %+v", fromNode, want)
			}

			// (c) The wrong key is rejected as a bad signature.
			_, err = Verify(nodeSig, c.req.SDKAppID, c.req.Key+"x", c.req.Identifier, now, opts)
			assertOnly(t, err, ErrBadSignature)
		})
	}
}
