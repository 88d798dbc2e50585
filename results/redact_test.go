package results

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
)

// TestRegisteredSecretsAreRedactedEverywhere: a secret registered with AddSecret disappears
// from every renderer, in every encoding and under any key.
func TestRegisteredSecretsAreRedactedEverywhere(t *testing.T) {
	secret := "eJwtjEsKgzAUAO-SdRcm0UBdfg*-_Ab12345"
	AddSecret(secret)
	AddSecret("abc") // too short to be a secret: ignored
	lower := strings.ReplaceAll(url.QueryEscape(secret), "%2A", "%2a")
	run := &Run{
		Suite: "redaction",
		Specs: []SpecResult{{ID: "s", Name: "s", Outcome: Fail, Reason: "echo " + secret + " and " + url.QueryEscape(secret)}},
		Exchanges: []Exchange{{Seq: 1, Service: "svc", Command: "cmd", URL: "http://t/x?sig=" + lower,
			RequestBody: "{}", ResponseBody: `{"Debug":"` + url.PathEscape(secret) + `","Other":"abc"}`}},
		Config: map[string]string{"echo": secret},
	}
	outputs := map[string]func(*bytes.Buffer) error{
		"json":  func(b *bytes.Buffer) error { return WriteJSON(b, run) },
		"junit": func(b *bytes.Buffer) error { return WriteJUnit(b, run) },
		"html":  func(b *bytes.Buffer) error { return WriteHTML(b, run) },
		"console": func(b *bytes.Buffer) error {
			WriteSummary(b, run)
			return nil
		},
	}
	for name, write := range outputs {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, form := range SecretForms(secret) {
			if strings.Contains(buf.String(), form) {
				t.Errorf("%s output holds the secret as %q", name, form)
			}
		}
	}
	if got := Redact("abc " + secret); got != "abc "+Redacted {
		t.Errorf("Redact: %q", got)
	}
}
