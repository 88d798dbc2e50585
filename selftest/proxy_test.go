package selftest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/emulator"
)

// mutation breaks one documented promise of an otherwise correct emulator by rewriting what
// passes through a proxy in front of it.
type mutation struct {
	name string
	// request may rewrite a call (REST or control plane) before it reaches the emulator; it
	// returns false to answer the call itself with {"OK":true} and the emulator's clock
	// state unread.
	request func(path string, query url.Values, body map[string]any) bool
	// response may rewrite a REST answer.
	response func(path string, status *int, body map[string]any)
	// sent may rewrite a REST call as it was sent, before anything decodes it: its method, path,
	// query and raw body (a body that is not a JSON object reaches only this hook).
	sent func(method, path *string, query url.Values, body *[]byte)
	// event may rewrite a callback on its way to the suite's receiver: the proxy points the
	// callback configuration at a relay of its own when it is set.
	event func(query url.Values, body map[string]any)
	// mustFail are substrings of spec names, each of which must name a failed spec.
	mustFail []string
}

// startMutant starts an emulator and a proxy applying m in front of it.
func startMutant(t *testing.T, m mutation) *target {
	t.Helper()
	server, err := emulator.Listen(emulator.Config{ControlPlane: true}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Close(0) })
	upstream := server.URL
	// The proxy's URL is known before it serves: the handler reads it, and the race detector
	// cannot see that requests only come once startMutant has returned.
	proxy := httptest.NewUnstartedServer(nil)
	proxyURL := "http://" + proxy.Listener.Addr().String()
	proxy.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		query := r.URL.Query()
		if r.URL.Path == relayPath {
			relay(w, r, query, raw, m.event)
			return
		}
		method, path := r.Method, r.URL.Path
		if m.sent != nil && strings.HasPrefix(path, "/v4/") {
			m.sent(&method, &path, query, &raw)
		}
		var body map[string]any
		jsonBody := json.Unmarshal(raw, &body) == nil && body != nil
		if jsonBody && m.event != nil && (strings.HasSuffix(r.URL.Path, "/set_callback") || strings.HasSuffix(r.URL.Path, "/update_callback")) {
			if target, ok := body["Url"].(string); ok {
				body["Url"] = proxyURL + relayPath + "?to=" + url.QueryEscape(target)
			}
			raw, _ = json.Marshal(body)
		}
		if jsonBody && m.request != nil {
			if !m.request(path, query, body) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"OK":true}`))
				return
			}
			raw, _ = json.Marshal(body)
		}
		forward, _ := http.NewRequestWithContext(r.Context(), method, upstream+path+"?"+query.Encode(), bytes.NewReader(raw))
		forward.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(forward)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		answer, _ := io.ReadAll(resp.Body)
		status := resp.StatusCode
		var decoded map[string]any
		if strings.HasPrefix(r.URL.Path, "/v4/") && m.response != nil && json.Unmarshal(answer, &decoded) == nil {
			m.response(r.URL.Path, &status, decoded)
			answer, _ = json.Marshal(decoded)
		}
		for key, values := range resp.Header {
			if key != "Content-Length" {
				w.Header()[key] = values
			}
		}
		w.WriteHeader(status)
		_, _ = w.Write(answer)
	})
	proxy.Start()
	t.Cleanup(proxy.Close)
	return &target{endpoint: proxy.URL, control: proxy.URL, cfg: server.Config()}
}

// relayPath is where the proxy receives callbacks to pass on to the suite's receiver.
const relayPath = "/_relay"

// relay passes a callback on to the URL in its "to" parameter, after mutate.
func relay(w http.ResponseWriter, r *http.Request, query url.Values, raw []byte, mutate func(url.Values, map[string]any)) {
	to := query.Get("to")
	query.Del("to")
	var body map[string]any
	if json.Unmarshal(raw, &body) == nil && mutate != nil {
		mutate(query, body)
		raw, _ = json.Marshal(body)
	}
	resp, err := http.Post(to+"?"+query.Encode(), "application/json", bytes.NewReader(raw))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(answer)
}

// roomInfoOf returns Response.RoomInfo of a get_room_info answer, or nil.
func roomInfoOf(body map[string]any) map[string]any {
	response, _ := body["Response"].(map[string]any)
	info, _ := response["RoomInfo"].(map[string]any)
	return info
}

func code(body map[string]any) int {
	c, _ := body["ErrorCode"].(float64)
	return int(c)
}
