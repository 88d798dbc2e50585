package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/trtc-conformance/trtc-conformance/client"
)

// The processes of a parallel run on a target they share keep to each command's frequency
// limit together. Each keeping to 1/N of it would make a command limited to one call a second
// (the gift catalogue) wait N seconds between calls even while the other processes are not
// calling it; instead the host (RunParallel) keeps one client.Schedule for all of them and
// hands out its slots over HTTP, and a process waits for its slot as for its own budget's.

// budgetSlotPath is where the host hands out slots.
const budgetSlotPath = "/budget-slot"

type slotRequest struct {
	Key      string        `json:"key"`
	Interval time.Duration `json:"interval_ns"`
}

type slotAnswer struct {
	Slot int64 `json:"slot_unix_ns"` // the processes share the host's machine and clock
}

// serveSlots is the host's end: one schedule for every process.
func serveSlots(schedule *client.Schedule) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req slotRequest
		if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&req) != nil || req.Key == "" || req.Interval < 0 {
			http.Error(w, "want POST {\"key\": ..., \"interval_ns\": ...}", http.StatusBadRequest)
			return
		}
		slot := schedule.Reserve(req.Key, req.Interval, time.Now())
		_ = json.NewEncoder(w).Encode(slotAnswer{Slot: slot.UnixNano()})
	}
}

// hostSlots is a process's end: a client.SlotSource that asks the host.
type hostSlots struct {
	url  string
	http *http.Client
}

func (h hostSlots) Slot(ctx context.Context, key string, interval time.Duration) (time.Time, error) {
	body, err := json.Marshal(slotRequest{Key: key, Interval: interval})
	if err != nil {
		return time.Time{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return time.Time{}, err
	}
	resp, err := h.http.Do(req)
	if err != nil {
		return time.Time{}, fmt.Errorf("asking the parallel host %s: %w", h.url, err)
	}
	defer resp.Body.Close()
	var answer slotAnswer
	if resp.StatusCode != http.StatusOK {
		return time.Time{}, fmt.Errorf("the parallel host %s answered HTTP %d", h.url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return time.Time{}, fmt.Errorf("the parallel host's slot: %w", err)
	}
	return time.Unix(0, answer.Slot), nil
}
