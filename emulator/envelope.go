package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/trtc-conformance/trtc-conformance/client"
)

// answer is what a command handler returns: a code, its explanation, and the fields that go
// beside the envelope (room commands put theirs under "Response").
type answer struct {
	code    int
	info    string
	payload map[string]any
}

func ok(payload map[string]any) answer { return answer{payload: payload} }

func fail(code int, info string) answer { return answer{code: code, info: info} }

// requestSeq numbers answers in the vendor's RequestId format: Id-<32 hex>-O-Seq-<n>.
type requestSeq struct{ n atomic.Int64 }

func (s *requestSeq) next() string {
	var id [16]byte
	_, _ = rand.Read(id[:]) // crypto/rand.Read never fails on supported platforms
	return "Id-" + hex.EncodeToString(id[:]) + "-O-Seq-" + strconv.FormatInt(s.n.Add(1), 10)
}

// envelope is written first so that its field order matches the vendor's samples.
type envelope struct {
	ActionStatus string `json:"ActionStatus"`
	ErrorInfo    string `json:"ErrorInfo"`
	ErrorCode    int    `json:"ErrorCode"`
	RequestID    string `json:"RequestId"`
}

// write sends the answer: always HTTP 200, the outcome in the body (RESTful API overview).
func (e *Emulator) write(w http.ResponseWriter, a answer) {
	env := envelope{ActionStatus: "OK", ErrorCode: a.code, RequestID: e.seq.next()}
	if a.code != 0 {
		env.ActionStatus, env.ErrorInfo = "FAIL", a.info
	}
	body, err := json.Marshal(env)
	if err == nil && len(a.payload) > 0 {
		var extra []byte
		if extra, err = json.Marshal(a.payload); err == nil {
			body = append(append(body[:len(body)-1], ','), extra[1:]...)
		}
	}
	if err != nil {
		e.cfg.Logger.Error("encode answer", "err", err)
		body = []byte(`{"ActionStatus":"FAIL","ErrorInfo":"internal error: answer could not be encoded","ErrorCode":100001,"RequestId":"` + env.RequestID + `"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// writeInjected sends a fault's answer and marks it so the suite can tell it from a cause.
func (e *Emulator) writeInjected(w http.ResponseWriter, code int, info string) {
	if info == "" {
		info = "fault injected by the emulator's control plane"
	}
	w.Header().Set(client.FaultHeader, strconv.Itoa(code))
	e.write(w, fail(code, info))
}
