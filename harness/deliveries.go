package harness

// Callback deliveries as results, and the Live webhook signature (issue 14, "Live callbacks").

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// DeliveryLog records the receiver's deliveries in the results (the Recorder is one).
type DeliveryLog interface {
	// RecordDelivery records a delivery and returns its number.
	RecordDelivery(results.Delivery) int
	// JudgeDelivery records a spec's verdict on delivery seq, checked as family's event.
	JudgeDelivery(seq int, family catalog.Family, ok bool, problem string)
}

// RecordDelivery implements DeliveryLog: the delivery is tagged with the running spec.
func (r *Recorder) RecordDelivery(d results.Delivery) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	d.SpecID = r.spec
	d.Seq = len(r.deliveries) + 1
	r.deliveries = append(r.deliveries, d)
	return d.Seq
}

// JudgeDelivery implements DeliveryLog. A delivery the receiver rejected stays failed.
func (r *Recorder) JudgeDelivery(seq int, family catalog.Family, ok bool, problem string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if seq < 1 || seq > len(r.deliveries) {
		return
	}
	d := &r.deliveries[seq-1]
	d.Family = string(family)
	switch {
	case d.State == results.DeliveryFailed:
	case ok:
		d.State = results.DeliveryVerified
	default:
		d.State, d.Problem = results.DeliveryFailed, problem
	}
}

// The Live signature (https://trtc.io/document/64412): with a token enabled, every delivery's
// URL carries Sign, the lower-case hex SHA-256 of the token followed by RequestTime, and
// RequestTime, the Unix time in decimal seconds; a receiver rejects one more than a minute
// old (docs/errata-live.md L-53).
var decimal = regexp.MustCompile(`^[0-9]{1,19}$`)

// SignatureCheck is what the receiver made of a delivery's Sign and RequestTime.
type SignatureCheck struct {
	// Signed: the delivery carries Sign or RequestTime.
	Signed bool
	// Verified: Signed, and checked against the token the suite configured.
	Verified bool
	// Problem: why the delivery is rejected (stale, forged, malformed); "" when it is not.
	Problem string
}

// ExpectedSign is the documented signature, computed here independently of any emulator.
func ExpectedSign(token, requestTime string) string {
	sum := sha256.Sum256([]byte(token + requestTime))
	return hex.EncodeToString(sum[:])
}

// CheckSignature checks a delivery's Sign and RequestTime against token ("" when the suite
// configured none: a signed delivery cannot be checked then, and is not rejected) at now.
func CheckSignature(query url.Values, token string, now time.Time) SignatureCheck {
	sign, requestTime := query.Get("Sign"), query.Get("RequestTime")
	if !query.Has("Sign") && !query.Has("RequestTime") {
		return SignatureCheck{}
	}
	check := SignatureCheck{Signed: true}
	switch {
	case sign == "" || requestTime == "":
		check.Problem = fmt.Sprintf("malformed signature: Sign %q with RequestTime %q (both are sent together)", sign, requestTime)
	case !decimal.MatchString(requestTime):
		check.Problem = fmt.Sprintf("malformed RequestTime %q: not decimal Unix seconds", requestTime)
	}
	if check.Problem != "" {
		return check
	}
	at, _ := strconv.ParseInt(requestTime, 10, 64)
	if age := now.Unix() - at; age > catalog.LiveCallbackSignWindow || age < -catalog.LiveCallbackSignWindow {
		check.Problem = fmt.Sprintf("stale: RequestTime %s is %d s from the receiver's clock (at most %d s; Unix seconds)", requestTime, age, catalog.LiveCallbackSignWindow)
		return check
	}
	if token == "" {
		return check
	}
	if sign != ExpectedSign(token, requestTime) {
		check.Problem = "forged: Sign is not the lower-case hex sha256 of the configured token followed by RequestTime"
		return check
	}
	check.Verified = true
	return check
}

// deliveryResult is a received callback as the results record it.
func deliveryResult(req *http.Request, c Callback) results.Delivery {
	d := results.Delivery{Command: c.Command(), URL: req.URL.RequestURI(), Body: string(c.Body), Received: c.Received,
		Signed: c.Signature.Signed, State: results.DeliveryReceived}
	if c.Signature.Problem != "" {
		d.State, d.Problem = results.DeliveryFailed, "rejected by the receiver: "+c.Signature.Problem
	}
	return d
}
