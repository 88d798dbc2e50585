package harness

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/client"
)

// Two processes asking the host for slots of one command get slots a whole interval apart;
// another command's slot does not wait for them.
func TestProcessesShareTheHostsSchedule(t *testing.T) {
	var schedule client.Schedule
	host := httptest.NewServer(serveSlots(&schedule))
	defer host.Close()
	one := hostSlots{url: host.URL, http: host.Client()}
	two := hostSlots{url: host.URL, http: host.Client()}
	ctx := context.Background()
	before := time.Now()
	a, err := one.Slot(ctx, "live/add_gift", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	b, err := two.Slot(ctx, "live/add_gift", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c, err := two.Slot(ctx, "live/get_gift", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if a.Before(before) || b.Sub(a) != time.Second {
		t.Errorf("slots %v and %v of one command, want a second apart from now", a, b)
	}
	if c.After(time.Now()) {
		t.Errorf("another command's slot %v waits for the first one's", c)
	}
}

func TestHostRefusesABadSlotRequest(t *testing.T) {
	host := httptest.NewServer(serveSlots(&client.Schedule{}))
	defer host.Close()
	for _, body := range []string{"", "{}", `{"key":"a","interval_ns":-1}`} {
		resp, err := http.Post(host.URL, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%q: HTTP %d, want 400", body, resp.StatusCode)
		}
	}
	if _, err := (hostSlots{url: host.URL, http: host.Client()}).Slot(context.Background(), "", time.Second); err == nil || !strings.Contains(err.Error(), "400") {
		t.Errorf("a refused request gave %v, want an error naming HTTP 400", err)
	}
}
