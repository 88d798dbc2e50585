package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSignedCall is one full Call: budget check, cached ticket, signed URL, keep-alive
// round trip to a local server answering a fixed envelope, envelope decoding. The server
// runs in the same process, so its allocations are counted too.
func BenchmarkSignedCall(b *testing.B) {
	envelope := []byte(okEnvelope)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(envelope)
	}))
	defer ts.Close()
	c := newTestClient(b, ts.URL, nil)
	body := RoomIDRequest{RoomID: "bench-room"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Call(ctx, testSvc, testCmd, body); err != nil {
			b.Fatal(err)
		}
	}
}
