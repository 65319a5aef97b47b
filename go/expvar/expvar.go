// Package expvar publishes the statistics of every ferrogo-generated package in the binary as the
// expvar variable "ferrogo" (served at /debug/vars by the standard expvar handler). Import it for
// its side effect:
//
//	import _ "github.com/ferrogo/ferrogo/go/expvar"
//
// The variable is a JSON object keyed by Go package name, each value a ferrogo.Stats.
package expvar

import (
	"expvar"

	"github.com/ferrogo/ferrogo/go"
)

func init() {
	expvar.Publish("ferrogo", expvar.Func(func() any {
		out := map[string]ferrogo.Stats{}
		for _, s := range ferrogo.AllStats() {
			out[s.Package] = s
		}
		return out
	}))
}
