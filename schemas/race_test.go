//go:build race

package schemas

// raceEnabled is true under -race, which makes validation about ten times slower: the corpus
// and concurrency tests then check a sample of their inputs (all of them run without -race).
const raceEnabled = true
