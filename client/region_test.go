package client

import (
	"maps"
	"net/url"
	"slices"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// The overview (R-host): HTTPS only, at the documented regional hosts.
func TestRegionPresetsAreTheDocumentedHostsOverHTTPS(t *testing.T) {
	if got, want := slices.Sorted(maps.Keys(Regions)), slices.Sorted(maps.Keys(catalog.RegionHosts)); !slices.Equal(got, want) {
		t.Fatalf("presets %v, documented regions %v", got, want)
	}
	for region, preset := range Regions {
		u, err := url.Parse(preset)
		if err != nil || u.Scheme != "https" || u.Host != catalog.RegionHosts[region] || u.Path != "" {
			t.Errorf("%s: preset %q, want https://%s", region, preset, catalog.RegionHosts[region])
		}
		if BaseURLFor(region) != preset {
			t.Errorf("BaseURLFor(%q) = %q", region, BaseURLFor(region))
		}
	}
}

// The overview (R-timeout): the server gives up after 3 s, so the caller must wait longer.
func TestDefaultTimeoutIsLongerThanTheServerTimeout(t *testing.T) {
	if DefaultTimeout <= catalog.ServerTimeout {
		t.Fatalf("DefaultTimeout %v, documented server time-out %v", DefaultTimeout, catalog.ServerTimeout)
	}
	c, err := New(Config{BaseURL: "china", SDKAppID: 1400000001, SecretKey: "k", Admin: "administrator"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Config().Timeout <= catalog.ServerTimeout {
		t.Errorf("a client built with defaults waits %v", c.Config().Timeout)
	}
}
