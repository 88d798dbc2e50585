package client

// Documented REST domains (D-01 in docs/errata.md): the overview names console.tim.qq.com,
// the English API pages list only Singapore, the Chinese pages list both, and the Live pages
// add the USA and Jakarta. catalog.RegionHosts holds the documented hosts; a test keeps the
// presets equal to them, over HTTPS ("only available via HTTPS").
const (
	// RegionChina is the domain of applications created in the China region.
	RegionChina = "https://console.tim.qq.com"
	// RegionSingapore is the domain of applications created in the Singapore region.
	RegionSingapore = "https://adminapisgp.im.qcloud.com"
	// RegionUSA is the domain of applications created in the USA (Silicon Valley) region.
	RegionUSA = "https://adminapiusa.im.qcloud.com"
	// RegionJakarta is the domain of applications created in the Jakarta region.
	RegionJakarta = "https://adminapiidn.im.qcloud.com"
)

// Regions maps the preset names accepted by BaseURLFor to their domains.
var Regions = map[string]string{
	"china":     RegionChina,
	"singapore": RegionSingapore,
	"usa":       RegionUSA,
	"jakarta":   RegionJakarta,
}

// BaseURLFor returns the domain of a preset region name, or name itself when it is already
// a URL (any implementation can be targeted by URL).
func BaseURLFor(name string) string {
	if base, ok := Regions[name]; ok {
		return base
	}
	return name
}
