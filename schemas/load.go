package schemas

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"
)

//go:embed common.json */*.json
var files embed.FS

// compiledSchema is everything Validate needs for one schema.
type compiledSchema struct {
	validator  *gojsonschema.Schema
	byteLimits *byteLimits // nil: the schema limits no string's bytes
}

// schemaFile is one request, response or event schema file.
type schemaFile struct {
	path string // inside files, e.g. "room_engine_http_srv/create_room.request.json"
	id   string // its $id
}

var (
	indexOnce sync.Once
	indexMap  map[string]schemaFile
)

// index lists the request, response and event schema files by name; it only walks the
// embedded directory tree and never fails.
func index() map[string]schemaFile {
	indexOnce.Do(func() {
		indexMap = map[string]schemaFile{}
		_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if strings.HasSuffix(p, ".request.json") || strings.HasSuffix(p, ".response.json") || strings.HasSuffix(p, ".event.json") {
				indexMap[strings.TrimSuffix(p, ".json")] = schemaFile{path: p, id: IDBase + p}
			}
			return nil
		})
	})
	return indexMap
}

// compiledSet is every schema compiled, or the first error met.
type compiledSet struct {
	schemas map[string]*compiledSchema
	err     error
}

var (
	compileOnce sync.Once
	compiledVal compiledSet
)

// compiled compiles every schema at the first call and caches the outcome.
func compiled() compiledSet {
	compileOnce.Do(func() {
		schemas, err := compileAll()
		compiledVal = compiledSet{schemas: schemas, err: err}
	})
	return compiledVal
}

// lookup returns the compiled schema of a name.
func lookup(name string) (*compiledSchema, error) {
	if _, ok := index()[name]; !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownSchema, name)
	}
	c := compiled()
	if c.err != nil {
		return nil, c.err
	}
	return c.schemas[name], nil
}

// embeddedDoc is one embedded schema file, raw and decoded.
type embeddedDoc struct {
	path string
	raw  []byte
	tree any
}

func readEmbedded() ([]embeddedDoc, error) {
	var docs []embeddedDoc
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		raw, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		tree, err := decodeTree(raw)
		if err != nil {
			return fmt.Errorf("schemas: %s: %w", p, err)
		}
		docs = append(docs, embeddedDoc{path: p, raw: raw, tree: tree})
		return nil
	})
	return docs, err
}

func compileAll() (map[string]*compiledSchema, error) {
	docs, err := readEmbedded()
	if err != nil {
		return nil, err
	}
	byID := map[string]any{}
	for _, d := range docs {
		m, _ := d.tree.(map[string]any)
		if id, _ := m["$id"].(string); id != IDBase+d.path {
			return nil, fmt.Errorf("schemas: %s: $id is %q, want %q", d.path, id, IDBase+d.path)
		}
		byID[IDBase+d.path] = d.tree
	}
	for _, d := range docs {
		if err := checkRefsStayEmbedded(d, byID); err != nil {
			return nil, err
		}
	}

	loader := gojsonschema.NewSchemaLoader()
	loader.Validate = true
	loader.Draft = gojsonschema.Draft7
	loader.AutoDetect = true
	loaders := make([]gojsonschema.JSONLoader, 0, len(docs))
	for _, d := range docs {
		loaders = append(loaders, gojsonschema.NewBytesLoader(d.raw))
	}
	if err := loader.AddSchemas(loaders...); err != nil {
		return nil, fmt.Errorf("schemas: adding schemas: %w", err)
	}
	out := map[string]*compiledSchema{}
	for name, f := range index() {
		validator, err := loader.Compile(gojsonschema.NewReferenceLoader(f.id))
		if err != nil {
			return nil, fmt.Errorf("schemas: compiling %s: %w", name, err)
		}
		limits, err := planByteLimits(byID, f.id)
		if err != nil {
			return nil, fmt.Errorf("schemas: %s: %w", name, err)
		}
		out[name] = &compiledSchema{validator: validator, byteLimits: limits}
	}
	return out, nil
}

// checkRefsStayEmbedded makes sure every $ref names an embedded document: gojsonschema would
// otherwise try to fetch it.
func checkRefsStayEmbedded(d embeddedDoc, byID map[string]any) error {
	var err error
	walkKeywords(d.tree, func(key string, value any) {
		ref, isString := value.(string)
		if key != "$ref" || !isString || err != nil {
			return
		}
		if target, _, refErr := resolveRef(IDBase+d.path, ref); refErr != nil {
			err = fmt.Errorf("schemas: %s: %w", d.path, refErr)
		} else if _, ok := byID[target]; !ok {
			err = fmt.Errorf("schemas: %s: $ref %q does not name an embedded schema", d.path, ref)
		}
	})
	return err
}

// walkKeywords calls fn for every keyword of every (sub-)schema in v. Values under
// "properties" and the like are schemas by name, so a property named "$ref" is not taken for
// the keyword; enum, const, examples and default hold data, not schemas, and are skipped.
func walkKeywords(v any, fn func(key string, value any)) {
	switch t := v.(type) {
	case map[string]any:
		for k, value := range t {
			switch k {
			case "enum", "const", "examples", "default":
				continue
			case "properties", "patternProperties", "definitions", "dependencies":
				if m, ok := value.(map[string]any); ok {
					for _, sub := range m {
						walkKeywords(sub, fn)
					}
				}
				continue
			}
			fn(k, value)
			walkKeywords(value, fn)
		}
	case []any:
		for _, e := range t {
			walkKeywords(e, fn)
		}
	}
}
