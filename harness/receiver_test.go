package harness

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func post(t *testing.T, url, command, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(url+"?CallbackCommand="+command+"&SdkAppid=1", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestReceiverRecordsAndAnswersEveryDelivery(t *testing.T) {
	r, err := StartReceiver("", "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !strings.HasPrefix(r.URL(), "http://127.0.0.1:") || !strings.HasSuffix(r.URL(), "/callback") {
		t.Fatalf("default URL %q is not a loopback /callback URL", r.URL())
	}
	mark := r.Mark()
	if resp := post(t, r.URL(), "Room.A", `{"CallbackCommand":"Room.A","EventTime":1703589922780}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("reply status %d", resp.StatusCode)
	}
	got, err := r.Await(context.Background(), mark, time.Second, "Room.A", func(c Callback) bool { return c.Command() == "Room.A" })
	if err != nil {
		t.Fatal(err)
	}
	payload, err := got.Payload()
	if err != nil || payload["EventTime"].(interface{ String() string }).String() != "1703589922780" {
		t.Fatalf("payload %v, %v: EventTime must keep all its digits", payload, err)
	}
	if later := r.Mark(); later != mark+1 {
		t.Errorf("mark moved from %d to %d after one delivery", mark, later)
	}
}

func TestReceiverNamesTheEventThatNeverCame(t *testing.T) {
	r, err := StartReceiver("127.0.0.1:0", "https://public.example/cb")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.URL() != "https://public.example/cb" {
		t.Fatalf("announced URL %q, want the configured one", r.URL())
	}
	local := "http://" + r.listener.Addr().String() + "/cb"
	mark := r.Mark()
	post(t, local, "Room.Other", `{}`)
	_, err = r.Await(context.Background(), mark, 200*time.Millisecond, "Room.Wanted for room x", func(c Callback) bool { return c.Command() == "Room.Wanted" })
	if !errors.Is(err, ErrNoCallback) || !strings.Contains(err.Error(), "Room.Wanted for room x") || !strings.Contains(err.Error(), "Room.Other") {
		t.Fatalf("error %v must wrap ErrNoCallback, name the missing event and list what came", err)
	}
	if got := r.Matching(context.Background(), mark, 10*time.Millisecond, func(c Callback) bool { return c.Command() == "Room.Other" }); len(got) != 1 {
		t.Fatalf("Matching found %d deliveries, want 1", len(got))
	}
}

func TestReceiverAwaitSeesALateDelivery(t *testing.T) {
	r, err := StartReceiver("", "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mark := r.Mark()
	posted := make(chan error, 1)
	go func() { // no t in here: the goroutine reports through posted
		time.Sleep(50 * time.Millisecond)
		resp, err := http.Post(r.URL()+"?CallbackCommand=Room.Late", "application/json", strings.NewReader(`{}`))
		if err == nil {
			resp.Body.Close()
		}
		posted <- err
	}()
	_, err = r.Await(context.Background(), mark, 5*time.Second, "Room.Late", func(c Callback) bool { return c.Command() == "Room.Late" })
	if postErr := <-posted; postErr != nil {
		t.Fatal(postErr)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestStartReceiverRefusesABadAddress(t *testing.T) {
	if _, err := StartReceiver("127.0.0.1:99999", ""); !errors.Is(err, ErrSettings) || !strings.Contains(err.Error(), EnvCallbackListen) {
		t.Fatalf("error %v must name %s", err, EnvCallbackListen)
	}
}

func TestReceiverAnswersWithTheChosenReply(t *testing.T) {
	r, err := StartReceiver("", "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	restore := r.ReplyWith(func(c Callback) (Reply, bool) {
		if c.Command() != "Live.Before" {
			return Reply{}, false
		}
		reply := DecisionReply(102150, "no", 50*time.Millisecond)
		return reply, true
	})
	read := func(command string) (string, time.Duration) {
		start := time.Now()
		resp, err := http.Post(r.URL()+"?CallbackCommand="+command, "application/json", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body), time.Since(start)
	}
	if body, took := read("Live.Before"); body != `{"ActionStatus":"FAIL","ErrorCode":102150,"ErrorInfo":"no"}` || took < 50*time.Millisecond {
		t.Errorf("chosen reply %s after %v", body, took)
	}
	if body, _ := read("Live.After"); body != string(reply) {
		t.Errorf("a delivery the replier leaves got %s", body)
	}
	restore()
	if body, _ := read("Live.Before"); body != string(reply) {
		t.Errorf("after restore: %s", body)
	}
}
