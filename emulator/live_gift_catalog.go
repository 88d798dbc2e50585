package emulator

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// The gift catalogue of the application: gifts, categories, the relation of each category to
// its gifts, and the language entries of both. It is per application, not per room.
// Vendor page: https://trtc.io/document/72844 (Gift System Configuration Guide). The choices
// where the pages are silent are docs/emulator.md's "Gifts" table.

// giftIDMaxBytes is the emulator's bound on GiftId: the pages say 20 bytes, Tencent's console
// generates 28 (docs/errata-live.md L-33).
const giftIDMaxBytes = 64

type giftCatalogue struct {
	gifts      map[string]*catalogueGift
	categories map[string]*giftCategory
}

type catalogueGift struct {
	info      wire.LiveGift
	languages map[string]wire.LiveGiftTexts
}

type giftCategory struct {
	info wire.LiveGiftCategory
	// gifts are the related gifts, in the order they were added.
	gifts     []string
	languages map[string]wire.LiveGiftCategoryTexts
}

// giftCatalogue returns the application's catalogue, empty when never used.
func (s *state) giftCatalogue() *giftCatalogue {
	if s.gifts == nil {
		s.gifts = &giftCatalogue{gifts: map[string]*catalogueGift{}, categories: map[string]*giftCategory{}}
	}
	return s.gifts
}

// withGiftCatalogue decodes the request and runs act on the catalogue under the state lock.
func withGiftCatalogue[T any](e *Emulator, c *call, act func(req *T, g *giftCatalogue) answer) answer {
	var req T
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return act(&req, e.state.giftCatalogue())
}

func giftInvalid(format string, args ...any) answer {
	return fail(catalog.CodeInvalidParameter, fmt.Sprintf(format, args...))
}

// checkExtensionInfo applies L-35: "" is no extension data, anything else must be JSON text.
func checkExtensionInfo(info string) *answer {
	if info != "" && !json.Valid([]byte(info)) {
		a := giftInvalid("ExtensionInfo must be JSON text, got %q", info)
		return &a
	}
	return nil
}

// gift and category return the entry or the refusal for one that does not exist (L-55).
func (g *giftCatalogue) gift(id string) (*catalogueGift, *answer) {
	if entry, ok := g.gifts[id]; ok {
		return entry, nil
	}
	a := giftInvalid("gift %q is not in the gift catalogue", id)
	return nil, &a
}

func (g *giftCatalogue) category(id string) (*giftCategory, *answer) {
	if entry, ok := g.categories[id]; ok {
		return entry, nil
	}
	a := giftInvalid("gift category %q does not exist", id)
	return nil, &a
}

// giftMissing answers a deletion of something that does not exist: success, or 100002 with
// Choices.GiftDeleteUnknownRefused (L-55).
func (e *Emulator) giftMissing(what string) answer {
	if e.cfg.Choices.GiftDeleteUnknownRefused {
		return giftInvalid("%s does not exist", what)
	}
	return ok(nil)
}

// giftExists answers an add of an ID the catalogue holds: 100002, or nil (replace it) with
// Choices.GiftAddReplaces (L-55).
func (e *Emulator) giftExists(what string) *answer {
	if e.cfg.Choices.GiftAddReplaces {
		return nil
	}
	a := giftInvalid("%s exists already", what)
	return &a
}

// liveAddGift implements add_gift. Vendor page: https://trtc.io/document/72845.
func (e *Emulator) liveAddGift(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGift, g *giftCatalogue) answer {
		if len(q.GiftID) > giftIDMaxBytes {
			return giftInvalid("GiftId is %d bytes; at most %d", len(q.GiftID), giftIDMaxBytes)
		}
		if refusal := checkExtensionInfo(q.ExtensionInfo); refusal != nil {
			return *refusal
		}
		old, held := g.gifts[q.GiftID]
		if held {
			if refusal := e.giftExists(fmt.Sprintf("gift %q", q.GiftID)); refusal != nil {
				return *refusal
			}
		}
		info := *q
		if info.Level == nil {
			info.Level = new(int64) // documented default 0
		}
		entry := &catalogueGift{info: info, languages: map[string]wire.LiveGiftTexts{}}
		if held {
			entry.languages = old.languages
		}
		g.gifts[q.GiftID] = entry
		return ok(nil)
	})
}

// liveGetGift implements get_gift: GiftInfo at the top level of the body, the thumbnail
// spelled IconUrl (L-34). Vendor page: https://trtc.io/document/72846.
func (e *Emulator) liveGetGift(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftIDRequest, g *giftCatalogue) answer {
		entry, refusal := g.gift(q.GiftID)
		if refusal != nil {
			return *refusal
		}
		info := entry.info
		return ok(map[string]any{"GiftInfo": map[string]any{
			"GiftId": info.GiftID, "IconUrl": info.IconURL, "ResourceUrl": info.ResourceURL, "Coins": info.Coins,
			"Level": *info.Level, "ExtensionInfo": info.ExtensionInfo, "DefaultName": info.DefaultName, "DefaultDesc": info.DefaultDesc,
		}})
	})
}

// liveDelGift implements del_gift: the gift, its language entries and its place in every
// category go. Vendor page: https://trtc.io/document/72847.
func (e *Emulator) liveDelGift(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftIDRequest, g *giftCatalogue) answer {
		if _, held := g.gifts[q.GiftID]; !held {
			return e.giftMissing(fmt.Sprintf("gift %q", q.GiftID))
		}
		delete(g.gifts, q.GiftID)
		for _, category := range g.categories {
			category.gifts = withoutGifts(category.gifts, map[string]bool{q.GiftID: true})
		}
		return ok(nil)
	})
}

func withoutGifts(list []string, drop map[string]bool) []string {
	out := make([]string, 0, len(list))
	for _, id := range list {
		if !drop[id] {
			out = append(out, id)
		}
	}
	return out
}

// liveAddGiftCategory implements add_gift_category. Vendor page: https://trtc.io/document/72848.
func (e *Emulator) liveAddGiftCategory(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategory, g *giftCatalogue) answer {
		if refusal := checkExtensionInfo(q.ExtensionInfo); refusal != nil {
			return *refusal
		}
		entry := &giftCategory{info: *q, gifts: []string{}, languages: map[string]wire.LiveGiftCategoryTexts{}}
		if old, held := g.categories[q.CategoryID]; held {
			if refusal := e.giftExists(fmt.Sprintf("gift category %q", q.CategoryID)); refusal != nil {
				return *refusal
			}
			entry.gifts, entry.languages = old.gifts, old.languages
		}
		g.categories[q.CategoryID] = entry
		return ok(nil)
	})
}

// liveGetGiftCategory implements get_gift_category: GiftCategoryInfo at the top level (L-34).
// Vendor page: https://trtc.io/document/72849.
func (e *Emulator) liveGetGiftCategory(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategoryIDRequest, g *giftCatalogue) answer {
		entry, refusal := g.category(q.CategoryID)
		if refusal != nil {
			return *refusal
		}
		info := entry.info
		return ok(map[string]any{"GiftCategoryInfo": map[string]any{
			"CategoryId": info.CategoryID, "ExtensionInfo": info.ExtensionInfo, "DefaultName": info.DefaultName, "DefaultDesc": info.DefaultDesc,
		}})
	})
}

// liveDelGiftCategory implements del_gift_category: success also for a category that does
// not exist; its relations and language entries go with it (L-37).
// Vendor page: https://trtc.io/document/72850.
func (e *Emulator) liveDelGiftCategory(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategoryIDRequest, g *giftCatalogue) answer {
		delete(g.categories, q.CategoryID)
		return ok(nil)
	})
}

// liveAddGiftCategoryRelations implements add_gift_category_relations: additive; gifts not in
// the catalogue are not added and listed in InvalidGiftIdList, present only when not empty
// (L-40). Vendor page: https://trtc.io/document/72851.
func (e *Emulator) liveAddGiftCategoryRelations(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategoryRelationsRequest, g *giftCatalogue) answer {
		entry, refusal := g.category(q.CategoryID)
		if refusal != nil {
			return *refusal
		}
		related := map[string]bool{}
		for _, id := range entry.gifts {
			related[id] = true
		}
		var invalidIDs []string
		for _, id := range q.GiftIDList {
			if _, known := g.gifts[id]; !known {
				invalidIDs = append(invalidIDs, id)
				continue
			}
			if !related[id] {
				related[id] = true
				entry.gifts = append(entry.gifts, id)
			}
		}
		if len(invalidIDs) == 0 {
			return ok(nil)
		}
		return ok(map[string]any{"InvalidGiftIdList": invalidIDs})
	})
}

// liveDelGiftCategoryRelations implements del_gift_category_relations: gifts that are not in
// the category are ignored. Vendor page: https://trtc.io/document/72852.
func (e *Emulator) liveDelGiftCategoryRelations(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategoryRelationsRequest, g *giftCatalogue) answer {
		entry, refusal := g.category(q.CategoryID)
		if refusal != nil {
			return *refusal
		}
		drop := map[string]bool{}
		for _, id := range q.GiftIDList {
			drop[id] = true
		}
		entry.gifts = withoutGifts(entry.gifts, drop)
		return ok(nil)
	})
}

// liveGetGiftCategoryRelations implements get_gift_category_relations: Relation at the top
// level, the gifts in the order added (L-34). Vendor page: https://trtc.io/document/72853.
func (e *Emulator) liveGetGiftCategoryRelations(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategoryIDRequest, g *giftCatalogue) answer {
		entry, refusal := g.category(q.CategoryID)
		if refusal != nil {
			return *refusal
		}
		return ok(map[string]any{"Relation": map[string]any{"CategoryId": q.CategoryID, "GiftIdList": append([]string{}, entry.gifts...)}})
	})
}

// liveSetGiftLanguage implements set_gift_language: the first entry for a language needs a
// Name (100002), a later call changes the fields it carries (L-36).
// Vendor page: https://trtc.io/document/72854.
func (e *Emulator) liveSetGiftLanguage(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveSetGiftLanguageRequest, g *giftCatalogue) answer {
		entry, refusal := g.gift(q.GiftID)
		if refusal != nil {
			return *refusal
		}
		texts, held := entry.languages[q.Language]
		if !held && q.Name == nil {
			return giftInvalid("gift %q has no %s entry yet: Name is required the first time", q.GiftID, q.Language)
		}
		if q.Name != nil {
			texts.Name = *q.Name
		}
		if q.Desc != nil {
			texts.Desc = *q.Desc
		}
		entry.languages[q.Language] = texts
		return ok(nil)
	})
}

// languageAnswer puts a language entry at the top level under key and, unless
// Choices.GiftLanguageTopLevelOnly, under Response.Language too (L-34).
func (e *Emulator) languageAnswer(key string, texts any) answer {
	payload := map[string]any{key: texts}
	if !e.cfg.Choices.GiftLanguageTopLevelOnly {
		payload["Response"] = map[string]any{"Language": texts}
	}
	return ok(payload)
}

// readLanguage answers a language read of a gift or category (what names it): its entry in
// language, or the defaults when it has none (Choices.GiftLanguageMissingRefused: 100002; L-55).
func readLanguage[T any](e *Emulator, key string, languages map[string]T, language, what string, defaults T) answer {
	texts, held := languages[language]
	if !held {
		if e.cfg.Choices.GiftLanguageMissingRefused {
			return giftInvalid("%s has no %s entry", what, language)
		}
		texts = defaults
	}
	return e.languageAnswer(key, texts)
}

// deleteLanguage deletes the entry in language of a gift or category (what names it).
func deleteLanguage[T any](e *Emulator, languages map[string]T, language, what string) answer {
	if _, held := languages[language]; !held {
		return e.giftMissing(fmt.Sprintf("the %s entry of %s", language, what))
	}
	delete(languages, language)
	return ok(nil)
}

// liveGetGiftLanguage implements get_gift_language; a language without an entry answers the
// gift's default texts (L-55). Vendor page: https://trtc.io/document/72855.
func (e *Emulator) liveGetGiftLanguage(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftLanguageRequest, g *giftCatalogue) answer {
		entry, refusal := g.gift(q.GiftID)
		if refusal != nil {
			return *refusal
		}
		return readLanguage(e, "GiftInfo", entry.languages, q.Language, fmt.Sprintf("gift %q", q.GiftID),
			wire.LiveGiftTexts{Name: entry.info.DefaultName, Desc: entry.info.DefaultDesc})
	})
}

// liveDelGiftLanguage implements del_gift_language. Vendor page: https://trtc.io/document/72856.
func (e *Emulator) liveDelGiftLanguage(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftLanguageRequest, g *giftCatalogue) answer {
		entry, held := g.gifts[q.GiftID]
		if !held {
			return e.giftMissing(fmt.Sprintf("gift %q", q.GiftID))
		}
		return deleteLanguage(e, entry.languages, q.Language, fmt.Sprintf("gift %q", q.GiftID))
	})
}

// liveSetGiftCategoryLanguage implements set_gift_category_language (L-36).
// Vendor page: https://trtc.io/document/72857.
func (e *Emulator) liveSetGiftCategoryLanguage(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveSetGiftCategoryLanguageRequest, g *giftCatalogue) answer {
		entry, refusal := g.category(q.CategoryID)
		if refusal != nil {
			return *refusal
		}
		texts, held := entry.languages[q.Language]
		if !held && q.CategoryName == nil {
			return giftInvalid("gift category %q has no %s entry yet: CategoryName is required the first time", q.CategoryID, q.Language)
		}
		if q.CategoryName != nil {
			texts.CategoryName = *q.CategoryName
		}
		if q.CategoryDesc != nil {
			texts.CategoryDesc = *q.CategoryDesc
		}
		entry.languages[q.Language] = texts
		return ok(nil)
	})
}

// liveGetGiftCategoryLanguage implements get_gift_category_language (L-34, L-55).
// Vendor page: https://trtc.io/document/72858.
func (e *Emulator) liveGetGiftCategoryLanguage(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategoryLanguageRequest, g *giftCatalogue) answer {
		entry, refusal := g.category(q.CategoryID)
		if refusal != nil {
			return *refusal
		}
		return readLanguage(e, "CategoryInfo", entry.languages, q.Language, fmt.Sprintf("gift category %q", q.CategoryID),
			wire.LiveGiftCategoryTexts{CategoryName: entry.info.DefaultName, CategoryDesc: entry.info.DefaultDesc})
	})
}

// liveDelGiftCategoryLanguage implements del_gift_category_language.
// Vendor page: https://trtc.io/document/72859.
func (e *Emulator) liveDelGiftCategoryLanguage(c *call) answer {
	return withGiftCatalogue(e, c, func(q *wire.LiveGiftCategoryLanguageRequest, g *giftCatalogue) answer {
		entry, held := g.categories[q.CategoryID]
		if !held {
			return e.giftMissing(fmt.Sprintf("gift category %q", q.CategoryID))
		}
		return deleteLanguage(e, entry.languages, q.Language, fmt.Sprintf("gift category %q", q.CategoryID))
	})
}

// Tencent's default gift set: 3 categories of 5 gifts each (copy_default_gift_config). The
// pages give its size, not its content; these IDs, names and prices are the emulator's.
const (
	defaultGiftCategories       = 3
	defaultGiftsPerCategory     = 5
	defaultGiftCategoryIDFormat = "default_category_%d"
	defaultGiftIDFormat         = "default_gift_%02d"
)

// liveCopyDefaultGiftConfig implements copy_default_gift_config: installs the default set of
// 3 categories and 15 gifts, related five to a category, while the application has no gift
// and no category (100002 otherwise; L-39). Vendor page: https://trtc.io/document/74360.
func (e *Emulator) liveCopyDefaultGiftConfig(c *call) answer {
	return withGiftCatalogue(e, c, func(_ *map[string]any, g *giftCatalogue) answer {
		if len(g.gifts) > 0 || len(g.categories) > 0 {
			return giftInvalid("the application has a gift configuration already (%d gifts, %d categories)", len(g.gifts), len(g.categories))
		}
		n := 0
		for i := 1; i <= defaultGiftCategories; i++ {
			category := &giftCategory{info: wire.LiveGiftCategory{CategoryID: fmt.Sprintf(defaultGiftCategoryIDFormat, i), DefaultName: fmt.Sprintf("Category %d", i)},
				languages: map[string]wire.LiveGiftCategoryTexts{}}
			for range defaultGiftsPerCategory {
				n++
				level := int64(i - 1)
				id := fmt.Sprintf(defaultGiftIDFormat, n)
				g.gifts[id] = &catalogueGift{info: wire.LiveGift{GiftID: id, Coins: int64(n * 10), Level: &level, DefaultName: fmt.Sprintf("Gift %d", n)},
					languages: map[string]wire.LiveGiftTexts{}}
				category.gifts = append(category.gifts, id)
			}
			g.categories[category.info.CategoryID] = category
		}
		return ok(nil)
	})
}

// giftIDs lists the catalogue's gifts, sorted (tests).
func (g *giftCatalogue) giftIDs() []string {
	ids := make([]string, 0, len(g.gifts))
	for id := range g.gifts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
