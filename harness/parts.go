package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/trtc-conformance/trtc-conformance/results"
)

const partsDir = ".parts"

// ResetParts empties the folder the processes write their parts to; call it once, before
// any process records.
func ResetParts(reportsDir string) error {
	dir := filepath.Join(reportsDir, partsDir)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	return os.MkdirAll(dir, 0o755)
}

// WritePart saves one process's recording for the merge at the end of the suite.
func WritePart(reportsDir string, process int, part *results.Run) error {
	path := filepath.Join(reportsDir, partsDir, fmt.Sprintf("process-%d.json", process))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write part: %w", err)
	}
	if err := results.WriteJSON(f, part); err != nil {
		f.Close()
		return fmt.Errorf("write part %s: %w", path, err)
	}
	return f.Close()
}

// ReadParts loads every process's part.
func ReadParts(reportsDir string) ([]*results.Run, error) {
	paths, err := filepath.Glob(filepath.Join(reportsDir, partsDir, "process-*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var parts []*results.Run
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read part: %w", err)
		}
		part, err := results.ReadJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read part %s: %w", path, err)
		}
		parts = append(parts, part)
	}
	return parts, nil
}
