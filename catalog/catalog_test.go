package catalog

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestEveryCommandIsConsistent(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Commands() {
		if seen[c.Key()] {
			t.Errorf("%s listed twice", c.Key())
		}
		seen[c.Key()] = true
		if c.MaxQPS <= 0 || c.Page == "" || c.Area == "" {
			t.Errorf("%s: MaxQPS %d, Page %q, Area %q", c.Key(), c.MaxQPS, c.Page, c.Area)
		}
		if c.Path() != "/v4/"+c.Key() {
			t.Errorf("%s: path %s", c.Key(), c.Path())
		}
		if !c.Documents(CodeOK) {
			t.Errorf("%s does not document success", c.Key())
		}
		for _, code := range c.Codes {
			if c.Service != ServiceAccount && Meaning(code) == "undocumented code" {
				t.Errorf("%s: code %d has no meaning", c.Key(), code)
			}
		}
		if looked, ok := Lookup(c.Service, c.Name); !ok || looked.Key() != c.Key() {
			t.Errorf("Lookup(%s) = %v, %v", c.Key(), looked, ok)
		}
	}
	if got := len(Area("room")); got != 4 {
		t.Errorf("room area has %d commands, want 4", got)
	}
	if _, ok := Lookup(ServiceRoom, "get_room_list"); ok {
		t.Error("get_room_list is not a Conference command (it exists only in the Live API)")
	}
}

// TestMatchesTheReference compares the Conference commands with the reference compiled from
// the vendor's pages, which sits beside the repository in the project's workspace and CI.
func TestMatchesTheReference(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "reference", "conference-api.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("the vendor reference is not beside this clone (%s): nothing to compare with", path)
	}
	var reference []struct {
		Service        string `json:"service"`
		Command        string `json:"command"`
		Errors         []int  `json:"errors"`
		ErrorsComplete bool   `json:"errors_complete"`
		MaxQPS         int    `json:"max_qps"`
	}
	if err := json.Unmarshal(raw, &reference); err != nil {
		t.Fatal(err)
	}
	for _, ref := range reference {
		c, ok := Lookup(ref.Service, ref.Command)
		if !ok {
			t.Errorf("%s/%s is in the reference but not in the catalog", ref.Service, ref.Command)
			continue
		}
		if !slices.Equal(c.Codes, ref.Errors) || c.CodesComplete != ref.ErrorsComplete || c.MaxQPS != ref.MaxQPS {
			t.Errorf("%s: catalog codes %v complete %v qps %d; reference %v complete %v qps %d",
				c.Key(), c.Codes, c.CodesComplete, c.MaxQPS, ref.Errors, ref.ErrorsComplete, ref.MaxQPS)
		}
	}
}
