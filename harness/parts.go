package harness

import (
	"errors"
	"fmt"
	"io/fs"
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

// ReportFiles are the reports a run writes into the reports folder.
var ReportFiles = []string{"junit.xml", "results.json", "index.html"}

// ResetParts removes the reports of an earlier run and empties the folder the processes
// write their parts to; call it once, before any process records. A run that stops before
// it writes its own reports then leaves none, never an earlier run's "all passed" for a CI
// job to upload.
func ResetParts(reportsDir string) error {
	if err := RemoveReports(reportsDir); err != nil {
		return err
	}
	dir := filepath.Join(reportsDir, partsDir)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	return os.MkdirAll(dir, 0o755)
}

// RemoveReports deletes the report files (ReportFiles) from reportsDir; missing ones are fine.
func RemoveReports(reportsDir string) error {
	for _, name := range ReportFiles {
		if err := os.Remove(filepath.Join(reportsDir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove the earlier run's %s: %w", name, err)
		}
	}
	return nil
}

// RemoveParts deletes the parts folder once the reports are built from it.
func RemoveParts(reportsDir string) error {
	dir := filepath.Join(reportsDir, partsDir)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("remove %s: %w", dir, err)
	}
	return nil
}

// RemoveStaleReports removes the earlier run's reports when the settings cannot be read (the
// run stops before it knows where its reports go): the folder is TRTC_REPORTS_DIR as given,
// or the default.
func RemoveStaleReports(getenv func(string) string) error {
	dir := strings.TrimSpace(getenv(EnvReportsDir))
	if dir == "" {
		dir = DefaultReportsDir
	}
	if err := RemoveReports(dir); err != nil {
		return err
	}
	return RemoveParts(dir)
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
