package wasmrt

import (
	"context"
	"fmt"
	"sync"

	"github.com/ferrogo/ferrogo/go/rt"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// scratchSize is the guest memory each instance keeps for calls' arguments and results; larger
// values are allocated and freed per call.
const scratchSize = 4096

// Module is the crate compiled to WebAssembly, instantiated on first use.
type Module struct {
	pkg  string
	lib  string
	code []byte
	sums []Checksum

	mu       sync.Mutex
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	inst     *instance // nil before the first call and after a trap
	gens     uint64    // instances made so far
	call     Call      // the call in progress (one at a time, under mu)
}

// instance is one instantiation of the module: its memory and the functions calls use.
type instance struct {
	mod       api.Module
	mem       api.Memory
	gen       uint64
	fns       map[string]api.Function
	alloc     api.Function
	free      api.Function
	panicSlot uint32
	scratch   uint32
}

// NewModule returns the Module of package pkg (for messages) running code, a WebAssembly module
// built by `ferrogo build --targets wasm`. Nothing is compiled until the first call.
func NewModule(pkg, lib string, code []byte, sums []Checksum) *Module {
	return &Module{pkg: pkg, lib: lib, code: code, sums: sums}
}

// Checksum is an item's ABI checksum: the package's, and the export that returns the module's.
type Checksum struct {
	Item, Symbol string
	Package      uint64
}

// check compares the module's ABI checksums with the package's, as rt.CheckABI does for a
// native library (at the first instantiation rather than in init: nothing runs before a call).
func (m *Module) check(mod api.Module) {
	sums := make([]rt.Checksum, 0, len(m.sums))
	for _, s := range m.sums {
		var lib uint64
		if f := mod.ExportedFunction(s.Symbol); f != nil {
			if res, err := f.Call(ctx); err == nil {
				lib = res[0]
			}
		}
		sums = append(sums, rt.Checksum{Item: s.Item, Library: lib, Package: s.Package})
	}
	rt.CheckABI(m.pkg, m.lib, sums)
}

var ctx = context.Background()

// instantiate makes a fresh instance (after the first call, or after a trap killed the last).
func (m *Module) instantiate() (*instance, error) {
	if m.runtime == nil {
		m.runtime = wazero.NewRuntime(ctx)
		compiled, err := m.runtime.CompileModule(ctx, m.code)
		if err != nil {
			return nil, fmt.Errorf("ferrogo: %s: cannot compile its WebAssembly module: %w", m.pkg, err)
		}
		m.compiled = compiled
	}
	// Anonymous, so a replacement can be instantiated next to a closed one; no start function
	// (a cdylib for wasm32-unknown-unknown has none to run).
	cfg := wazero.NewModuleConfig().WithName("").WithStartFunctions()
	mod, err := m.runtime.InstantiateModule(ctx, m.compiled, cfg)
	if err != nil {
		return nil, fmt.Errorf("ferrogo: %s: cannot instantiate its WebAssembly module: %w", m.pkg, err)
	}
	m.gens++
	in := &instance{
		mod:   mod,
		mem:   mod.Memory(),
		gen:   m.gens,
		fns:   map[string]api.Function{},
		alloc: mod.ExportedFunction("ferrogo_wasm_alloc"),
		free:  mod.ExportedFunction("ferrogo_wasm_free"),
	}
	slot := mod.ExportedFunction("ferrogo_wasm_panic_slot")
	if in.mem == nil || in.alloc == nil || in.free == nil || slot == nil {
		mod.Close(ctx)
		return nil, fmt.Errorf("ferrogo: %s: its WebAssembly module lacks the ferrogo runtime's exports (was it built by ferrogo build --targets wasm?)", m.pkg)
	}
	if init := mod.ExportedFunction("_initialize"); init != nil {
		if _, err := init.Call(ctx); err != nil {
			mod.Close(ctx)
			return nil, fmt.Errorf("ferrogo: %s: _initialize: %w", m.pkg, err)
		}
	}
	res, err := slot.Call(ctx)
	if err != nil {
		mod.Close(ctx)
		return nil, fmt.Errorf("ferrogo: %s: %w", m.pkg, err)
	}
	in.panicSlot = uint32(res[0])
	res, err = in.alloc.Call(ctx, scratchSize, 16)
	if err != nil || res[0] == 0 {
		mod.Close(ctx)
		return nil, fmt.Errorf("ferrogo: %s: cannot allocate %d bytes of guest memory", m.pkg, scratchSize)
	}
	in.scratch = uint32(res[0])
	if m.gens == 1 {
		m.check(mod)
	}
	return in, nil
}

// function is the export name of the current instance.
func (in *instance) function(name string) api.Function {
	f, ok := in.fns[name]
	if !ok {
		f = in.mod.ExportedFunction(name)
		in.fns[name] = f
	}
	return f
}

// Generation is the current instance's number (instances are numbered from 1; 0 when none is
// running), which objects remember: an object of an earlier instance is closed.
func (m *Module) Generation() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.inst == nil {
		return 0
	}
	return m.inst.gen
}
