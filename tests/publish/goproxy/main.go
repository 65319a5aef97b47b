// Command goproxy adds a module version to a directory laid out as the Go module proxy
// protocol says (https://go.dev/ref/mod#goproxy-protocol), so that GOPROXY=file://<dir> serves
// it: what a Go user's `go get` of a published ferrogo package sees, without a server.
//
//	goproxy -proxy DIR -version v0.1.0 MODULE_DIR...
//
// Each MODULE_DIR is zipped as its go.mod's module at that version, with the Go command's own
// rules (golang.org/x/mod/zip): nested modules, vendor directories and files that are not regular
// are left out.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	proxy := flag.String("proxy", "", "proxy directory to add the modules to")
	version := flag.String("version", "", "version of the modules (vX.Y.Z)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: goproxy -proxy DIR -version VERSION MODULE_DIR...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *proxy == "" || *version == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	for _, dir := range flag.Args() {
		if err := add(*proxy, *version, dir); err != nil {
			fmt.Fprintf(os.Stderr, "goproxy: %s: %v\n", dir, err)
			os.Exit(1)
		}
	}
}

func add(proxy, version, dir string) error {
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	path := modfile.ModulePath(goMod)
	if path == "" {
		return fmt.Errorf("go.mod names no module")
	}
	mv := module.Version{Path: path, Version: version}
	if err := module.Check(path, version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	at := filepath.Join(proxy, escaped, "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		return err
	}
	base := filepath.Join(at, version)
	z, err := os.Create(base + ".zip")
	if err != nil {
		return err
	}
	if err := zip.CreateFromDir(z, mv, dir); err != nil {
		z.Close()
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(base+".mod", goMod, 0o644); err != nil {
		return err
	}
	// A fixed time: publishing the same inputs again gives the same proxy files.
	info, _ := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err := os.WriteFile(base+".info", info, 0o644); err != nil {
		return err
	}
	return addToList(filepath.Join(at, "list"), version)
}

// addToList records version in the module's version list (once).
func addToList(list, version string) error {
	data, err := os.ReadFile(list)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	versions := strings.Fields(string(data))
	if !slices.Contains(versions, version) {
		versions = append(versions, version)
	}
	return os.WriteFile(list, []byte(strings.Join(versions, "\n")+"\n"), 0o644)
}
