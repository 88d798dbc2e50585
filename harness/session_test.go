package harness

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/emulator"
)

func TestOpenEmbeddedStartsAnEmulatorWithItsControlPlane(t *testing.T) {
	s, err := Open(context.Background(), Settings{ReportsDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Target.Kind != KindEmbedded || s.Control == nil || s.Emulator() == nil {
		t.Fatalf("embedded session: kind %q, control %v, emulator %v", s.Target.Kind, s.Control, s.Emulator())
	}
	if !strings.HasPrefix(s.Target.Endpoint, "http://127.0.0.1:") {
		t.Errorf("endpoint %q is not on loopback", s.Target.Endpoint)
	}
	part := s.Recorder.Part(s.Target)
	if len(part.Exchanges) != 1 || part.Exchanges[0].Command != "account_check" {
		t.Errorf("the probe should be the one exchange recorded, got %+v", part.Exchanges)
	}
}

// TestOpenFailsFastWithWhatToFix points the harness at targets that cannot work and checks
// that the error names the setting to change.
func TestOpenFailsFastWithWhatToFix(t *testing.T) {
	server, err := emulator.Listen(emulator.Config{ControlPlane: true}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close(time.Second)
	cfg := server.Config()
	good := Settings{Endpoint: server.URL, SDKAppID: cfg.SDKAppID, SecretKey: cfg.SecretKey, Admin: cfg.Admins[0]}

	listener, _ := net.Listen("tcp", "127.0.0.1:0")
	closedURL := "http://" + listener.Addr().String()
	listener.Close()
	notREST := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>hello</html>")) }))
	defer notREST.Close()

	change := func(f func(*Settings)) Settings { s := good; f(&s); return s }
	cases := []struct {
		name     string
		settings Settings
		mentions string
	}{
		{"nobody listens", change(func(s *Settings) { s.Endpoint = closedURL }), "cannot reach"},
		{"not a REST endpoint", change(func(s *Settings) { s.Endpoint = notREST.URL }), "not with the REST envelope"},
		{"wrong SDKAppID", change(func(s *Settings) { s.SDKAppID++ }), EnvSDKAppID},
		{"wrong key", change(func(s *Settings) { s.SecretKey += "x" }), EnvSecretKey},
		{"not an administrator", change(func(s *Settings) { s.Admin = "somebody" }), EnvAdmin},
		{"control URL without a control plane", change(func(s *Settings) { s.ControlURL = notREST.URL }), EnvControlURL},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			s, err := Open(ctx, c.settings)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, ErrSettings) || !strings.Contains(err.Error(), c.mentions) {
				t.Fatalf("error %q should wrap ErrSettings and mention %q", err, c.mentions)
			}
		})
	}
	// JSON in the envelope's shape that breaks it is the target's failure, not the
	// environment's: the session opens, and says why the envelope is wrong.
	stringCode := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"ActionStatus":"OK","ErrorCode":"0","ErrorInfo":"","RequestId":"r"}`))
	}))
	defer stringCode.Close()
	if s, err := Open(context.Background(), change(func(s *Settings) { s.Endpoint = stringCode.URL })); err != nil {
		t.Errorf("a target with a broken envelope stopped the run as an environment error: %v", err)
	} else {
		if !strings.Contains(s.EnvelopeProblem, "ErrorCode") {
			t.Errorf("EnvelopeProblem %q does not name ErrorCode", s.EnvelopeProblem)
		}
		s.Close()
	}
	otherJSON := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"error":"not found"}`))
	}))
	defer otherJSON.Close()
	if s, err := Open(context.Background(), change(func(s *Settings) { s.Endpoint = otherJSON.URL })); err == nil {
		s.Close()
		t.Error("another API's JSON was taken for a TRTC service")
	}

	if s, err := Open(context.Background(), good); err != nil {
		t.Fatalf("the correct settings were refused: %v", err)
	} else {
		s.Close()
	}
}
