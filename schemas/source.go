package schemas

import "fmt"

// Source returns the text of one embedded schema, named as Validate names it
// ("room_engine_http_srv/update_room_info.request"), or "common" for the shared definitions.
// Generators (package generate) read the keywords from it; the validator stays the judge.
func Source(name string) ([]byte, error) {
	path := "common.json"
	if name != "common" {
		f, ok := index()[name]
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnknownSchema, name)
		}
		path = f.path
	}
	return files.ReadFile(path)
}
