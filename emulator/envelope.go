package emulator

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/trtc-conformance/trtc-conformance/control"
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

// appendNext appends the next RequestId to b. The 32 hex digits are random (math/rand/v2:
// an opaque identifier, not a secret); the sequence number makes every RequestId unique.
func (s *requestSeq) appendNext(b []byte) []byte {
	var id [16]byte
	binary.LittleEndian.PutUint64(id[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(id[8:], rand.Uint64())
	b = append(b, "Id-"...)
	b = hex.AppendEncode(b, id[:])
	b = append(b, "-O-Seq-"...)
	return strconv.AppendInt(b, s.n.Add(1), 10)
}

// answerWriter is a reusable buffer and JSON encoder for answers.
type answerWriter struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var answerWriters = sync.Pool{New: func() any {
	w := &answerWriter{}
	w.enc = json.NewEncoder(&w.buf)
	return w
}}

// maxPooledAnswer keeps buffers that grew for an unusually large answer out of the pool.
const maxPooledAnswer = 64 << 10

var jsonContentType = []string{"application/json; charset=utf-8"}

// write sends the answer: always HTTP 200, the outcome in the body (RESTful API overview). The
// body is the envelope followed by the payload's fields in key order, exactly the bytes of
// json.Marshal of the wire.Envelope (whose field order is the vendor samples') joined with
// json.Marshal of the payload.
func (e *Emulator) write(w http.ResponseWriter, a answer) {
	aw := answerWriters.Get().(*answerWriter)
	defer func() {
		if aw.buf.Cap() <= maxPooledAnswer {
			answerWriters.Put(aw)
		}
	}()
	aw.buf.Reset()
	var head [96]byte
	requestID := e.seq.appendNext(head[:0])
	err := aw.writeEnvelope(a, requestID)
	if err == nil && len(a.payload) > 0 {
		err = aw.writeFields(a.payload, true)
	}
	aw.buf.WriteByte('}')
	body := aw.buf.Bytes()
	if err != nil {
		e.cfg.Logger.Error("encode answer", "err", err)
		body = []byte(`{"ActionStatus":"FAIL","ErrorInfo":"internal error: answer could not be encoded","ErrorCode":100001,"RequestId":"` + string(requestID) + `"}`)
	}
	w.Header()["Content-Type"] = jsonContentType
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// writeEnvelope writes the envelope without its closing brace.
func (aw *answerWriter) writeEnvelope(a answer, requestID []byte) error {
	if a.code == 0 {
		aw.buf.WriteString(`{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RequestId":"`)
	} else {
		aw.buf.WriteString(`{"ActionStatus":"FAIL","ErrorInfo":`)
		if err := aw.encode(a.info); err != nil {
			return err
		}
		aw.buf.WriteString(`,"ErrorCode":`)
		aw.buf.Write(strconv.AppendInt(aw.buf.AvailableBuffer(), int64(a.code), 10))
		aw.buf.WriteString(`,"RequestId":"`)
	}
	aw.buf.Write(requestID) // letters, digits and '-': nothing to escape
	aw.buf.WriteByte('"')
	return nil
}

// writeFields writes "key":value for every entry of fields in key order, as json.Marshal
// encodes a map[string]any, each entry preceded by a comma except the first unless leadingComma;
// nested map[string]any values are written the same way.
func (aw *answerWriter) writeFields(fields map[string]any, leadingComma bool) error {
	var one [1]string // most payloads have one key: Response, or RoomInfo under it
	keys := one[:0]
	for key := range fields {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for i, key := range keys {
		if i > 0 || leadingComma {
			aw.buf.WriteByte(',')
		}
		if err := aw.encodeKey(key); err != nil {
			return err
		}
		aw.buf.WriteByte(':')
		if nested, ok := fields[key].(map[string]any); ok && nested != nil {
			aw.buf.WriteByte('{')
			if err := aw.writeFields(nested, false); err != nil {
				return err
			}
			aw.buf.WriteByte('}')
			continue
		}
		if err := aw.encode(fields[key]); err != nil {
			return err
		}
	}
	return nil
}

// encodeKey writes a map key as json.Marshal would: as it is between quotes when it is made of
// letters, digits and '_' (nothing to escape), through the encoder otherwise.
func (aw *answerWriter) encodeKey(key string) error {
	for i := 0; i < len(key); i++ {
		if c := key[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return aw.encode(key)
		}
	}
	aw.buf.WriteByte('"')
	aw.buf.WriteString(key)
	aw.buf.WriteByte('"')
	return nil
}

// encode writes v as json.Marshal would (the Encoder escapes HTML too), without the
// Encoder's trailing newline.
func (aw *answerWriter) encode(v any) error {
	if err := aw.enc.Encode(v); err != nil {
		return err
	}
	aw.buf.Truncate(aw.buf.Len() - 1)
	return nil
}

// writeInjected sends a fault's answer and marks it so the suite can tell it from a cause.
func (e *Emulator) writeInjected(w http.ResponseWriter, code int, info string) {
	if info == "" {
		info = "fault injected by the emulator's control plane"
	}
	w.Header().Set(control.FaultHeader, strconv.Itoa(code))
	e.write(w, fail(code, info))
}
