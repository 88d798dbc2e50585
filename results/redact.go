package results

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// Redacted replaces a secret in every output.
const Redacted = "REDACTED"

var (
	// usersig=<ticket> in a URL or a message that quotes one.
	usersigQuery = regexp.MustCompile(`(?i)(usersig=)[^&\s"'<>#]*`)
	// "UserSig": "<ticket>" in a JSON body, and the Authorization-like forms some clients log.
	usersigJSON = regexp.MustCompile(`(?i)("user_?sig"\s*:\s*")[^"]*(")`)
)

// MinSecretLength is the shortest value AddSecret takes: a real UserSig is well over a
// hundred characters, and redacting a short string ("abc", a spec's deliberately bad ticket)
// everywhere would garble the reports.
const MinSecretLength = 24

// secrets are the values registered with AddSecret, redacted wherever they appear.
var secrets struct {
	mu       sync.RWMutex
	known    map[string]bool
	replacer *strings.Replacer
}

// AddSecret registers a secret (a UserSig the client issued) that every output must hide,
// wherever and however it appears: as is, query- or path-escaped, or inside a JSON string. A
// target that echoes a request can put a ticket under any key; the key-based patterns would
// miss it.
func AddSecret(secret string) {
	if len(secret) < MinSecretLength {
		return
	}
	secrets.mu.Lock()
	defer secrets.mu.Unlock()
	if secrets.known[secret] {
		return
	}
	if secrets.known == nil {
		secrets.known = map[string]bool{}
	}
	secrets.known[secret] = true
	var pairs []string
	for s := range secrets.known {
		for _, form := range SecretForms(s) {
			pairs = append(pairs, form, Redacted)
		}
	}
	secrets.replacer = strings.NewReplacer(pairs...)
}

// SecretForms are the encodings a secret may be echoed in: as is, query- and path-escaped
// (upper- and lower-case hex), and inside a JSON string.
func SecretForms(secret string) []string {
	quoted, _ := json.Marshal(secret)
	forms := []string{url.QueryEscape(secret), url.PathEscape(secret), strings.Trim(string(quoted), `"`), secret}
	for _, form := range forms[:2] {
		forms = append(forms, lowerEscapes(form))
	}
	return forms
}

// lowerEscapes writes the hex digits of %XX escapes in lower case.
func lowerEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = strings.ToLower(string(b[i+1]))[0], strings.ToLower(string(b[i+2]))[0]
			i += 2
		}
	}
	return string(b)
}

// redact hides UserSig values in s: the registered secrets (AddSecret) in every encoding, and
// anything given as a usersig parameter or field. The client already redacts what it returns
// and records; this is the last line of defence of every renderer, so that a ticket quoted in
// a failure message or a body never reaches a report. It is idempotent.
func redact(s string) string {
	secrets.mu.RLock()
	replacer := secrets.replacer
	secrets.mu.RUnlock()
	if replacer != nil {
		s = replacer.Replace(s)
	}
	s = usersigQuery.ReplaceAllString(s, "${1}"+Redacted)
	s = redactCallbackSecrets(s) // webhook tokens and signatures (events.go)
	return usersigJSON.ReplaceAllString(s, "${1}"+Redacted+"${2}")
}

// Redact is redact for the harness: it hides every registered secret and usersig value in s,
// for outputs written outside this package (the console).
func Redact(s string) string { return redact(s) }
