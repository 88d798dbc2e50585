package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/wire"
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
	body := wire.RoomIDRequest{RoomID: "bench-room"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Call(ctx, testSvc, testCmd, body); err != nil {
			b.Fatal(err)
		}
	}
}

// cannedTransport answers every request with the same envelope, without a network: what is
// left of a call is the client's own work.
type cannedTransport struct{ body []byte }

func (c cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)), Request: req,
	}, nil
}

// BenchmarkSignedCallOverhead is the client's side of one signed call: rate budget, cached
// ticket, signed URL, request, recorder (with the UserSig redacted) and envelope decoding,
// with the network replaced by a canned answer.
func BenchmarkSignedCallOverhead(b *testing.B) {
	c := newTestClient(b, "http://127.0.0.1:1", func(cfg *Config) {
		cfg.Transport = cannedTransport{body: []byte(okEnvelope)}
		cfg.Recorder = &memRecorder{}
	})
	body := wire.RoomIDRequest{RoomID: "bench-room"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Call(ctx, testSvc, testCmd, body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUserSigCached is the ticket of every administrator call: generated once per
// validity window (tickets-generated reports how many distinct tickets b.N calls used: 1),
// then read from the cache.
func BenchmarkUserSigCached(b *testing.B) {
	c := newTestClient(b, "http://127.0.0.1:1", nil)
	seen := map[string]bool{}
	b.ReportAllocs()
	for b.Loop() {
		sig, err := c.userSigFor(testAdmin)
		if err != nil {
			b.Fatal(err)
		}
		if !seen[sig] {
			seen[sig] = true
		}
	}
	if len(seen) != 1 {
		b.Fatalf("%d distinct tickets for one administrator within the validity window", len(seen))
	}
	b.ReportMetric(float64(len(seen)), "tickets-generated")
}

// BenchmarkValidateResponse is the suite's check of an answer against its response schema
// (matchers.MatchSchema): a get_room_info answer as the emulator writes it.
func BenchmarkValidateResponse(b *testing.B) {
	answer := []byte(`{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RequestId":"Id-0123456789abcdef0123456789abcdef-O-Seq-1",` +
		`"Response":{"RoomInfo":{"RoomId":"bench-room","RoomName":"Benchmark room","RoomType":"Conference","Owner_Account":"administrator",` +
		`"MaxMemberCount":300,"MaxSeatCount":20,"ScheduleStartTime":1795315286,"ScheduleEndTime":1795318886,"IsVideoDisabled":false,` +
		`"IsAudioDisabled":false,"IsMessageDisabled":false,"IsScreenSharingDisabled":false,"IsCloudRecordingDisabled":false,` +
		`"CustomInfo":"load test","RoomStatus":"Running","IsSeatEnabled":true,"TakeSeatMode":"FreeToTake","CreateTime":1795315286,` +
		`"MemberCount":0,"IsPasswordEnabled":false,"Password":""}}}`)
	const name = "room_engine_http_srv/get_room_info.response"
	if err := schemas.Validate(name, answer); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := schemas.Validate(name, answer); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "validations/s")
}
