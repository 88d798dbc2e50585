//go:build race

package schemas

// raceEnabled is true under -race, which makes the differential tests about ten times slower:
// they then check a sample of their corpus (the full corpus runs without -race).
const raceEnabled = true
