package harness

import (
	"errors"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestSettingsFromEnv(t *testing.T) {
	full := map[string]string{EnvEndpoint: "http://127.0.0.1:9080", EnvSDKAppID: "1400000001", EnvSecretKey: "k", EnvAdmin: "administrator"}
	with := func(changes map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range full {
			out[k] = v
		}
		for k, v := range changes {
			out[k] = v
		}
		return out
	}
	cases := []struct {
		name     string
		vars     map[string]string
		kind     string
		mentions string // the error must name what to fix; "" means no error
	}{
		{"nothing set: embedded emulator", map[string]string{}, KindEmbedded, ""},
		{"an emulator by URL", full, KindRemote, ""},
		{"an emulator with its control plane", with(map[string]string{EnvControlURL: "http://127.0.0.1:9080"}), KindRemote, ""},
		{"the Singapore preset is live", with(map[string]string{EnvEndpoint: "singapore"}), KindLive, ""},
		{"the China domain is live", with(map[string]string{EnvEndpoint: "https://console.tim.qq.com/"}), KindLive, ""},
		{"credentials without an endpoint", map[string]string{EnvSDKAppID: "1"}, "", EnvEndpoint},
		{"a control URL without an endpoint", map[string]string{EnvControlURL: "http://x"}, "", EnvEndpoint},
		{"an endpoint without a key", with(map[string]string{EnvSecretKey: ""}), "", EnvSecretKey},
		{"an endpoint without anything", map[string]string{EnvEndpoint: "http://x"}, "", EnvAdmin},
		{"an SDKAppID that is not a number", with(map[string]string{EnvSDKAppID: "app"}), "", EnvSDKAppID},
		{"an endpoint that is not a URL", with(map[string]string{EnvEndpoint: "ftp://x"}), "", EnvEndpoint},
		{"a control URL that is not a URL", with(map[string]string{EnvControlURL: "localhost:1"}), "", EnvControlURL},
		{"a control URL for the live service", with(map[string]string{EnvEndpoint: "china", EnvControlURL: "http://x"}), "", "no control plane"},
		{"the embedded emulator's alternate choices", map[string]string{EnvEmulatorChoices: "alternate"}, KindEmbedded, ""},
		{"an unknown choices profile", map[string]string{EnvEmulatorChoices: "other"}, "", EnvEmulatorChoices},
		{"choices for another target", with(map[string]string{EnvEmulatorChoices: "alternate"}), "", EnvEmulatorChoices},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := SettingsFromEnv(env(c.vars))
			if c.mentions != "" {
				if err == nil || !errors.Is(err, ErrSettings) || !strings.Contains(err.Error(), c.mentions) {
					t.Fatalf("error %v, want one wrapping ErrSettings that mentions %q", err, c.mentions)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Kind() != c.kind {
				t.Errorf("kind %q, want %q", s.Kind(), c.kind)
			}
			if s.ReportsDir != "../reports" {
				t.Errorf("ReportsDir %q, want the default ../reports", s.ReportsDir)
			}
		})
	}
}

// Relative paths mean the directory the user typed them in (TRTC_CALLER_DIR), not suites/.
func TestRelativePathsResolveAgainstTheCallersDirectory(t *testing.T) {
	cases := []struct {
		name                     string
		vars                     map[string]string
		wantReports, wantDevFile string
	}{
		{"no caller: suites/-relative defaults", map[string]string{}, DefaultReportsDir, DefaultKnownDeviations},
		{"caller, defaults", map[string]string{EnvCallerDir: "/home/u/proj"}, "/home/u/proj/reports", "/home/u/proj/fixtures/known-deviations.json"},
		{"caller, relative values",
			map[string]string{EnvCallerDir: "/home/u", EnvReportsDir: "out/r", EnvKnownDeviations: "devs.json"}, "/home/u/out/r", "/home/u/devs.json"},
		{"caller, absolute values kept",
			map[string]string{EnvCallerDir: "/home/u", EnvReportsDir: "/tmp/r", EnvKnownDeviations: "/etc/d.json"}, "/tmp/r", "/etc/d.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := SettingsFromEnv(env(c.vars))
			if err != nil {
				t.Fatal(err)
			}
			if s.ReportsDir != c.wantReports {
				t.Errorf("ReportsDir %q, want %q", s.ReportsDir, c.wantReports)
			}
			if path, _ := KnownDeviationsPath(env(c.vars)); path != c.wantDevFile {
				t.Errorf("known deviations %q, want %q", path, c.wantDevFile)
			}
		})
	}
}
