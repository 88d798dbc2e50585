package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// Each parallel process writes the traffic it recorded to its own part file; the process
// that writes the reports merges them (BuildRun).
const (
	partsDir    = ".parts"
	partPrefix  = "process-"
	partSuffix  = ".json"
	partPattern = partPrefix + "*" + partSuffix
)

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
	path := filepath.Join(reportsDir, partsDir, partPrefix+strconv.Itoa(process)+partSuffix)
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

// ReadParts loads every process's part, by the number of the process that wrote it.
func ReadParts(reportsDir string) (map[int]*results.Run, error) {
	paths, err := filepath.Glob(filepath.Join(reportsDir, partsDir, partPattern))
	if err != nil {
		return nil, err
	}
	parts := make(map[int]*results.Run, len(paths))
	for _, path := range paths {
		number := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), partPrefix), partSuffix)
		process, err := strconv.Atoi(number)
		if err != nil {
			return nil, fmt.Errorf("read part %s: the name does not give the process: %w", path, err)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read part: %w", err)
		}
		part, err := results.ReadJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read part %s: %w", path, err)
		}
		parts[process] = part
	}
	return parts, nil
}
