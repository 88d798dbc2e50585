package generate

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/fixtures"
	"github.com/trtc-conformance/trtc-conformance/schemas"
)

// Placeholders of the values a spec's set-up provides, besides RoomPlaceholder: a gift and a
// category of the application's gift catalogue, and accounts. An account placeholder names
// the field it stands in ("GEN-ACCOUNT:NewOwner_Account"), so that a spec can give the owner
// field the owner and the others a member.
const (
	GiftPlaceholder     = "GEN-GIFT-ID"
	CategoryPlaceholder = "GEN-CATEGORY-ID"
	AccountPlaceholder  = "GEN-ACCOUNT:"
)

// RequestSchemas lists the request schemas as "<service>/<command>", sorted: every command
// (and alias) whose request the schemas describe, the ones Cases derives from.
func RequestSchemas() []string {
	var out []string
	for _, n := range schemas.Names() {
		if name, ok := strings.CutSuffix(n, ".request"); ok {
			out = append(out, name)
		}
	}
	return out
}

// Baseline derives the baseline body of a command from the vendor's documented request sample
// (fixtures/samples/<service>/<command>.request.json, then its variants in name order): the
// sample's required fields only (the cases add the optional ones one at a time), arrays cut to
// their first item, and the values a spec must provide replaced by placeholders —
// RoomPlaceholder for every RoomId, GiftPlaceholder and CategoryPlaceholder for gift and
// category IDs, AccountPlaceholder+<field> for accounts (fields named *_Account, UserID,
// Accounts). The first sample whose reduction the schema accepts wins; where none does, the
// first sample the schema accepts whole.
func Baseline(service, command string) (string, error) {
	name := service + "/" + command
	dir := path.Join("samples", service)
	entries, err := fs.ReadDir(fixtures.Samples, dir)
	if err != nil {
		return "", fmt.Errorf("generate: no samples of %s: %w", service, err)
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if n == command+".request.json" {
			files = append([]string{n}, files...)
		} else if strings.HasPrefix(n, command+".request.") && strings.HasSuffix(n, ".json") {
			files = append(files, n)
		}
	}
	if len(files) == 0 {
		return "", fmt.Errorf("generate: %s has no documented request sample", name)
	}
	fields, err := Fields(name)
	if err != nil {
		return "", err
	}
	var whole []byte
	for _, f := range files {
		raw, err := fs.ReadFile(fixtures.Samples, path.Join(dir, f))
		if err != nil {
			return "", err
		}
		sample, err := decode(raw)
		if err != nil {
			return "", fmt.Errorf("generate: %s: %w", f, err)
		}
		sample = placeholders(sample, "")
		reduced := required(sample, fields)
		if out, err := json.Marshal(reduced); err == nil && schemas.Validate(name+".request", out) == nil {
			return string(out), nil
		}
		if out, err := json.Marshal(sample); err == nil && whole == nil && schemas.Validate(name+".request", out) == nil {
			whole = out
		}
	}
	if whole != nil {
		return string(whole), nil
	}
	return "", fmt.Errorf("generate: no sample of %s is valid once its placeholders are in (%v)", name, files)
}

// Sample is the documented request sample of a command whole (its first variant the schema
// accepts), with the placeholders Baseline puts in: for a set-up that needs every field the
// page shows, not only the required ones.
func Sample(service, command string) (string, error) {
	raw, err := fs.ReadFile(fixtures.Samples, path.Join("samples", service, command+".request.json"))
	if err != nil {
		return "", fmt.Errorf("generate: %s/%s has no documented request sample: %w", service, command, err)
	}
	sample, err := decode(raw)
	if err != nil {
		return "", err
	}
	out, err := json.Marshal(placeholders(sample, ""))
	if err != nil {
		return "", err
	}
	if err := schemas.Validate(service+"/"+command+".request", out); err != nil {
		return "", fmt.Errorf("generate: the sample of %s/%s with its placeholders: %w", service, command, err)
	}
	return string(out), nil
}

// accountField reports whether a field holds accounts (one, or an array of them).
func accountField(key string) bool {
	return strings.HasSuffix(key, "_Account") || key == "UserID" || key == "Accounts"
}

// placeholders replaces, at every depth, the values a spec provides; key is the name of the
// field v is the value of (array items inherit their array's).
func placeholders(v any, key string) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = placeholders(e, k)
		}
		return t
	case []any:
		if len(t) > 1 {
			t = t[:1]
		}
		for i, e := range t {
			t[i] = placeholders(e, key)
		}
		return t
	case string:
		switch {
		case key == "RoomId":
			return RoomPlaceholder
		case key == "GiftId" || key == "GiftIdList":
			return GiftPlaceholder
		case key == "CategoryId":
			return CategoryPlaceholder
		case accountField(key):
			return AccountPlaceholder + key
		}
	}
	return v
}

// required removes the optional fields (and whatever they hold) from a sample.
func required(sample any, fields []Field) any {
	out := deepCopy(sample)
	for _, f := range fields {
		if f.Required {
			continue
		}
		parent, ok := lookup(out, f.Path[:len(f.Path)-1]).(map[string]any)
		if len(f.Path) == 1 {
			parent, ok = out.(map[string]any)
		}
		if ok {
			delete(parent, f.Path[len(f.Path)-1])
		}
	}
	return out
}

// HoldsPlaceholder reports whether the baseline's value at a field holds a placeholder: a
// value the spec's set-up provides (a room, an account, a gift). A case that replaces it
// addresses something the set-up did not make.
func HoldsPlaceholder(baseline string, field []string) bool {
	base, err := decode([]byte(baseline))
	if err != nil {
		return false
	}
	return holds(lookup(base, field))
}

func holds(v any) bool {
	switch t := v.(type) {
	case string:
		return t == RoomPlaceholder || t == GiftPlaceholder || t == CategoryPlaceholder || strings.HasPrefix(t, AccountPlaceholder)
	case []any:
		return slices.ContainsFunc(t, holds)
	case map[string]any:
		for _, e := range t {
			if holds(e) {
				return true
			}
		}
	}
	return false
}

// Getter names the command that reads back what a command stores, derived from the names:
// set_/add_/update_/create_<x> is read by get_<x>, get_<x>_info or, for <x> ending in _info,
// get_<x without _info>_list (update_room_member_info → get_room_member_list). Only commands
// with a request schema count.
func Getter(service, command string) (string, bool) {
	var rest string
	for _, verb := range []string{"set_", "add_", "update_", "create_"} {
		if r, ok := strings.CutPrefix(command, verb); ok {
			rest = r
		}
	}
	if rest == "" {
		return "", false
	}
	base := strings.TrimSuffix(rest, "_info")
	for _, candidate := range []string{"get_" + rest, "get_" + rest + "_info", "get_" + base + "_info", "get_" + base + "_list"} {
		if schemas.Has(service + "/" + candidate + ".request") {
			return candidate, true
		}
	}
	return "", false
}
