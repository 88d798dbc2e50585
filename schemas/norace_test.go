//go:build !race

package schemas

// raceEnabled is true under -race (see race_test.go).
const raceEnabled = false
