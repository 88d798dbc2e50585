package selftest

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// actionMetadata is the part of action.yml the checks below read.
type actionMetadata struct {
	Name        string                    `yaml:"name"`
	Description string                    `yaml:"description"`
	Inputs      map[string]actionInput    `yaml:"inputs"`
	Outputs     map[string]map[string]any `yaml:"outputs"`
	Runs        struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionInput struct {
	Description string  `yaml:"description"`
	Required    bool    `yaml:"required"`
	Default     *string `yaml:"default"`
}

type actionStep struct {
	ID    string            `yaml:"id"`
	Name  string            `yaml:"name"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	If    string            `yaml:"if"`
	With  map[string]string `yaml:"with"`
	Env   map[string]string `yaml:"env"`
}

// action.yml is checked here because actionlint lints workflows, and reads an action's
// metadata only for the inputs a workflow passes it (make lint runs it on the example).
func TestActionMetadata(t *testing.T) {
	raw, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action actionMetadata
	if err := yaml.Unmarshal(raw, &action); err != nil {
		t.Fatal(err)
	}
	if action.Name == "" || action.Description == "" {
		t.Error("action.yml needs a name and a description")
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", action.Runs.Using)
	}
	for _, want := range []string{"endpoint", "sdkappid", "secret-key", "admin", "label-filter", "reports-dir"} {
		input, ok := action.Inputs[want]
		if !ok {
			t.Errorf("input %q is missing", want)
			continue
		}
		if input.Description == "" {
			t.Errorf("input %q has no description", want)
		}
		if input.Required && input.Default != nil {
			t.Errorf("input %q is required and has a default", want)
		}
	}
	// Every inputs.X and steps.X the action refers to exists; a misspelt one is an empty
	// string at run time, not an error.
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(string(raw), -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml refers to inputs.%s, which it does not declare", m[1])
		}
	}
	var ids []string
	uploads := false
	for i, step := range action.Runs.Steps {
		if (step.Run == "") == (step.Uses == "") {
			t.Errorf("step %d (%s) needs exactly one of run and uses", i+1, step.Name)
		}
		if step.Run != "" && step.Shell == "" {
			t.Errorf("step %d (%s) runs a script without shell: (composite actions require it)", i+1, step.Name)
		}
		if regexp.MustCompile(`\$\{\{`).MatchString(step.Run) {
			t.Errorf("step %d (%s) splices an expression into its script: pass it through env", i+1, step.Name)
		}
		if step.ID != "" {
			ids = append(ids, step.ID)
		}
		if regexp.MustCompile(`^actions/upload-artifact@v[0-9]+$`).MatchString(step.Uses) {
			uploads = true
			if step.If != "always()" {
				t.Errorf("the reports upload runs only when the suite passes (if: %q), want always()", step.If)
			}
		}
	}
	// actionlint runs shellcheck on workflows' scripts, not on an action's: do it here.
	if shellcheck, err := exec.LookPath("shellcheck"); err == nil {
		for i, step := range action.Runs.Steps {
			if step.Run == "" {
				continue
			}
			cmd := exec.Command(shellcheck, "--shell=bash", "-")
			cmd.Stdin = strings.NewReader(step.Run)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("step %d (%s): shellcheck: %v\n%s", i+1, step.Name, err, out)
			}
		}
	}
	if !uploads {
		t.Error("action.yml does not upload the reports (actions/upload-artifact)")
	}
	for _, m := range regexp.MustCompile(`steps\.([a-z-]+)\.outputs`).FindAllStringSubmatch(string(raw), -1) {
		if !slices.Contains(ids, m[1]) {
			t.Errorf("action.yml refers to steps.%s, which no step is", m[1])
		}
	}
}
