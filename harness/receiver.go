package harness

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Callback is one delivery the receiver got.
type Callback struct {
	Query    url.Values
	Header   http.Header
	Body     []byte
	Received time.Time
	// Seq is its number in the results (0 without a DeliveryLog); Signature what the receiver
	// made of its Live signature (deliveries.go).
	Seq       int
	Signature SignatureCheck
}

// Command is the command word in the URL's CallbackCommand parameter.
func (c Callback) Command() string { return c.Query.Get("CallbackCommand") }

// Payload decodes the JSON body, keeping numbers exact.
func (c Callback) Payload() (map[string]any, error) {
	decoder := json.NewDecoder(strings.NewReader(string(c.Body)))
	decoder.UseNumber()
	var payload map[string]any
	if err := decoder.Decode(&payload); err != nil {
		return nil, fmt.Errorf("callback %s: body is not a JSON object: %w", c.Command(), err)
	}
	return payload, nil
}

// Receiver is the suite's callback endpoint: an HTTP server that answers every delivery with
// the documented reply and remembers it, so that specs can wait for an event, bounded.
type Receiver struct {
	url      string
	server   *http.Server
	listener net.Listener

	mu      sync.Mutex
	got     []Callback
	changed chan struct{}
	// log records every delivery in the results; token is the Live webhook token the suite
	// configured, against which signed deliveries are verified ("" when none).
	log   DeliveryLog
	token string
	// replier, when set, answers the deliveries instead of the documented success reply.
	replier func(Callback) Reply
}

// Reply is how the receiver answers one delivery: after Delay (a reply the sender may give up
// on), with Status (0: 200) and Body. Specs of blocking ("Before") events choose it.
type Reply struct {
	Status int
	Body   []byte
	Delay  time.Duration
}

// DecisionReply is the documented reply with ErrorCode code (0 lets a blocking event's action
// go ahead, 1 refuses it, 102100-102200 refuses it with that code) and ErrorInfo info.
func DecisionReply(code int, info string, delay time.Duration) Reply {
	status := "OK"
	if code != 0 {
		status = "FAIL"
	}
	body, _ := json.Marshal(map[string]any{"ActionStatus": status, "ErrorCode": code, "ErrorInfo": info})
	return Reply{Body: body, Delay: delay}
}

// ReplyWith makes answer choose the replies from now on: ok false leaves a delivery to the
// documented success reply. The returned function restores that reply for every delivery;
// specs defer it (the receiver is shared by the specs of a process, which run the specs that
// set a replier serially).
func (r *Receiver) ReplyWith(answer func(c Callback) (reply Reply, ok bool)) (restore func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.replier = func(c Callback) Reply {
		if reply, ok := answer(c); ok {
			return reply
		}
		return Reply{Body: reply}
	}
	return func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.replier = nil
	}
}

// SetLog makes the receiver record every delivery in log.
func (r *Receiver) SetLog(log DeliveryLog) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = log
}

// SetToken tells the receiver the Live webhook token signed deliveries are checked against
// ("" when the suite configured none).
func (r *Receiver) SetToken(token string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.token = token
}

// Judge records a spec's verdict on a delivery it checked as one of family's events.
func (r *Receiver) Judge(c Callback, family catalog.Family, ok bool, problem string) {
	r.mu.Lock()
	log := r.log
	r.mu.Unlock()
	if log != nil && c.Seq > 0 {
		log.JudgeDelivery(c.Seq, family, ok, problem)
	}
}

// ErrNoCallback wraps every wait that ended without the expected delivery.
var ErrNoCallback = errors.New("callback not received")

// StartReceiver listens on listen ("127.0.0.1:0" picks a free loopback port) and announces
// publicURL, or, when empty, http://<the listening address>/callback.
func StartReceiver(listen, publicURL string) (*Receiver, error) {
	if listen == "" {
		listen = "127.0.0.1:0"
	}
	listener, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Errorf("%w: callback receiver cannot listen on %s=%s: %v", ErrSettings, EnvCallbackListen, listen, err)
	}
	if publicURL == "" {
		publicURL = "http://" + listener.Addr().String() + "/callback"
	}
	r := &Receiver{url: publicURL, listener: listener, changed: make(chan struct{})}
	r.server = &http.Server{Handler: http.HandlerFunc(r.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = r.server.Serve(listener) }()
	return r, nil
}

// URL is what the callback configuration points at.
func (r *Receiver) URL() string { return r.url }

// Close stops the receiver.
func (r *Receiver) Close() { _ = r.server.Close() }

// reply is the documented answer to every Conference callback.
var reply = []byte(`{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`)

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	var check SignatureCheck
	answer := Reply{Body: reply}
	if req.Method == http.MethodPost {
		now := time.Now()
		r.mu.Lock()
		c := Callback{Query: req.URL.Query(), Header: req.Header.Clone(), Body: body, Received: now}
		c.Signature = CheckSignature(c.Query, r.token, now)
		check = c.Signature
		if r.log != nil {
			c.Seq = r.log.RecordDelivery(deliveryResult(req, c))
		}
		r.got = append(r.got, c)
		close(r.changed)
		r.changed = make(chan struct{})
		replier := r.replier
		r.mu.Unlock()
		if replier != nil && check.Problem == "" {
			answer = replier(c)
		}
	}
	if answer.Delay > 0 {
		select {
		case <-time.After(answer.Delay):
		case <-req.Context().Done(): // the sender gave up waiting
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case check.Problem != "":
		w.WriteHeader(http.StatusUnauthorized) // a stale or forged signature is rejected
	case answer.Status != 0:
		w.WriteHeader(answer.Status)
	}
	_, _ = w.Write(answer.Body)
}

// Mark is a position in the receiver's log: waits after a mark only see later deliveries.
func (r *Receiver) Mark() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got)
}

// Await waits up to timeout for a delivery after mark that matches, and names the event that
// never came, with what arrived instead, when none does.
func (r *Receiver) Await(ctx context.Context, mark int, timeout time.Duration, event string, match func(Callback) bool) (Callback, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		r.mu.Lock()
		for _, c := range r.got[mark:] {
			if match(c) {
				r.mu.Unlock()
				return c, nil
			}
		}
		changed := r.changed
		others := r.commandsSince(mark)
		r.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return Callback{}, fmt.Errorf("%w: no %s within %v at %s (received since: %s)", ErrNoCallback, event, timeout, r.url, others)
		}
	}
}

// Matching returns the deliveries after mark that match, after waiting window for late ones:
// specs use it to show that an event did not come.
func (r *Receiver) Matching(ctx context.Context, mark int, window time.Duration, match func(Callback) bool) []Callback {
	select {
	case <-time.After(window):
	case <-ctx.Done():
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Callback
	for _, c := range r.got[mark:] {
		if match(c) {
			out = append(out, c)
		}
	}
	return out
}

func (r *Receiver) commandsSince(mark int) string {
	if len(r.got) == mark {
		return "nothing"
	}
	names := make([]string, 0, len(r.got)-mark)
	for _, c := range r.got[mark:] {
		names = append(names, c.Command())
	}
	return strings.Join(names, ", ")
}
