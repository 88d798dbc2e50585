package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/usersig"
)

func validConfig() Config {
	return Config{BaseURL: "http://127.0.0.1:1", SDKAppID: testAppID, SecretKey: testKey, Admin: testAdmin}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*Config)
		field  string
	}{
		{"empty BaseURL", func(c *Config) { c.BaseURL = "" }, "BaseURL"},
		{"unparsable BaseURL", func(c *Config) { c.BaseURL = "http://[::1" }, "BaseURL"},
		{"BaseURL without scheme", func(c *Config) { c.BaseURL = "console.tim.qq.com" }, "BaseURL"},
		{"unknown region preset", func(c *Config) { c.BaseURL = "europe" }, "BaseURL"},
		{"BaseURL with another scheme", func(c *Config) { c.BaseURL = "ftp://console.tim.qq.com" }, "BaseURL"},
		{"BaseURL without host", func(c *Config) { c.BaseURL = "http://" }, "BaseURL"},
		{"BaseURL path only", func(c *Config) { c.BaseURL = "/v4" }, "BaseURL"},
		{"SDKAppID zero", func(c *Config) { c.SDKAppID = 0 }, "SDKAppID"},
		{"empty SecretKey", func(c *Config) { c.SecretKey = "" }, "SecretKey"},
		{"empty Admin", func(c *Config) { c.Admin = "" }, "Admin"},
		{"Admin that cannot be signed", func(c *Config) { c.Admin = "admin user" }, "Admin"},
		{"Admin longer than 32 bytes", func(c *Config) { c.Admin = strings.Repeat("a", 33) }, "Admin"},
		{"negative Timeout", func(c *Config) { c.Timeout = -time.Second }, "Timeout"},
		{"negative UserSigTTL", func(c *Config) { c.UserSigTTL = -time.Hour }, "UserSigTTL"},
		{"UserSigTTL below a second", func(c *Config) { c.UserSigTTL = 500 * time.Millisecond }, "UserSigTTL"},
		{"UserSigTTL not whole seconds", func(c *Config) { c.UserSigTTL = 1500 * time.Millisecond }, "UserSigTTL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := validConfig()
			tc.mutate(&cfg)
			c, err := New(cfg)
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("New = (%v, %v), want an error wrapping ErrConfig", c, err)
			}
			if c != nil {
				t.Errorf("New returned a client with the error")
			}
			if !strings.Contains(err.Error(), tc.field) {
				t.Errorf("error %q does not name %s", err, tc.field)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error %q contains the secret key", err)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	for _, tc := range []struct {
		name                string
		timeout, ttl        time.Duration
		wantTimeout, wantTT time.Duration
	}{
		{"zero values take the defaults", 0, 0, DefaultTimeout, DefaultUserSigTTL},
		{"explicit values are kept", 200 * time.Millisecond, time.Hour, 200 * time.Millisecond, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := validConfig()
			cfg.Timeout, cfg.UserSigTTL = tc.timeout, tc.ttl
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			got := c.Config()
			if got.Timeout != tc.wantTimeout || got.UserSigTTL != tc.wantTT {
				t.Errorf("Config() Timeout %v UserSigTTL %v, want %v %v", got.Timeout, got.UserSigTTL, tc.wantTimeout, tc.wantTT)
			}
			if c.http.Timeout != tc.wantTimeout {
				t.Errorf("HTTP client timeout %v, want %v", c.http.Timeout, tc.wantTimeout)
			}
			if got.BaseURL != cfg.BaseURL || got.SDKAppID != cfg.SDKAppID || got.Admin != cfg.Admin {
				t.Errorf("Config() = %+v, want the given identity", got)
			}
		})
	}
	if DefaultTimeout <= 3*time.Second {
		t.Errorf("DefaultTimeout %v is not above the server's 3 s", DefaultTimeout)
	}
}

func TestBaseURLFor(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"china", "https://console.tim.qq.com"},
		{"singapore", "https://adminapisgp.im.qcloud.com"},
		{"Singapore", "Singapore"}, // preset names are exact
		{"https://emulator.local:8443/prefix", "https://emulator.local:8443/prefix"},
		{"", ""},
	} {
		if got := BaseURLFor(tc.in); got != tc.want {
			t.Errorf("BaseURLFor(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// The presets themselves are checked against the documented hosts in region_test.go.
}

// TestRegionPresets calls through a region preset with a transport that answers locally,
// so nothing leaves the machine.
func TestRegionPresets(t *testing.T) {
	for _, tc := range []struct{ preset, host string }{
		{"china", "console.tim.qq.com"},
		{"singapore", "adminapisgp.im.qcloud.com"},
	} {
		t.Run(tc.preset, func(t *testing.T) {
			var mu sync.Mutex
			var seen *http.Request
			transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				seen = r
				mu.Unlock()
				return &http.Response{
					StatusCode: http.StatusOK,
					Header:     http.Header{"Content-Type": {"application/json"}},
					Body:       io.NopCloser(strings.NewReader(okEnvelope)),
					Request:    r,
				}, nil
			})
			c := newTestClient(t, tc.preset, func(cfg *Config) { cfg.Transport = transport })
			if _, err := c.Call(context.Background(), testSvc, testCmd, nil); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if seen == nil {
				t.Fatal("the transport saw no request")
			}
			if seen.URL.Scheme != "https" || seen.URL.Host != tc.host || seen.URL.Path != "/v4/"+testSvc+"/"+testCmd {
				t.Errorf("request went to %s", seen.URL.Redacted())
			}
			if _, err := usersig.Verify(seen.URL.Query().Get("usersig"), testAppID, testKey, testAdmin, time.Now(), usersig.VerifyOptions{}); err != nil {
				t.Errorf("usersig: %v", err)
			}
		})
	}
}
