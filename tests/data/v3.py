"""Writes v3.wasm (to the path given as argument): a module of Wasm 3.0 features that wabt 1.0.32
cannot assemble: a rec group with subtypes, struct/array/i31, a non-defaultable local, tags with
try_table and throw, a tail call, memory64 and multi-memory, and a name section."""
import sys


def u(n):
    out=bytearray()
    while True:
        b=n&0x7f; n>>=7
        if n: out.append(b|0x80)
        else: out.append(b); return bytes(out)
def s(n):
    out=bytearray()
    while True:
        b=n&0x7f; n>>=7
        if (n==0 and not b&0x40) or (n==-1 and b&0x40): out.append(b); return bytes(out)
        out.append(b|0x80)
def vec(items): return u(len(items))+b''.join(items)
def sec(i, body): return bytes([i])+u(len(body))+body
def name(t): return u(len(t))+t.encode()
types = vec([
  b'\x4e'+vec([
    b'\x50\x00\x5f'+vec([b'\x7f\x01', b'\x63'+s(1)+b'\x00']),         # 0: sub struct (mut i32) (ref null 1)
    b'\x4f\x00\x5e\x78\x01',                                          # 1: sub final array (mut i8)
  ]),
  b'\x60'+vec([b'\x63'+s(0)])+vec([b'\x7f']),                         # 2: func (ref null 0) -> i32
  b'\x50'+vec([u(0)])+b'\x5f'+vec([b'\x7f\x01', b'\x63'+s(1)+b'\x00', b'\x7e\x00']),  # 3: sub 0
  b'\x60'+vec([])+vec([]),                                            # 4: [] -> []
  b'\x60'+vec([b'\x7f'])+vec([]),                                     # 5: [i32] -> []
])
funcs = vec([u(2), u(4), u(2)])
mems = vec([b'\x04'+u(1), b'\x00'+u(1)])
tags = vec([b'\x00'+u(5)])
glob = vec([b'\x63'+s(0)+b'\x00' + b'\x41\x01' + b'\xd0'+s(1) + b'\xfb'+u(0)+u(0) + b'\x0b'])
exports = vec([name('get')+b'\x00'+u(0), name('run')+b'\x00'+u(1), name('tag')+b'\x04'+u(0), name('m64')+b'\x02'+u(0)])
def body(locals_, code): 
    b=vec(locals_)+code+b'\x0b'
    return u(len(b))+b
f0 = body([], b'\x20\x00' + b'\xfb'+u(2)+u(0)+u(0))
f1 = body([u(1)+b'\x64'+s(0)], b''.join([
  b'\x02\x7f',                                  # block (result i32)
  b'\x1f\x40'+vec([b'\x00'+u(0)+u(0)]),         # try_table (catch tag0 0)
  b'\x41\x05\x08\x00',                          # i32.const 5 throw 0
  b'\x0b', b'\x41\x00', b'\x0b', b'\x1a',       # end i32.const 0 end drop
  b'\x42\x00\x28\x02\x00\x1a',                  # i64.const 0 i32.load (memory 0, i64) drop
  b'\x41\x00\x28\x42\x01\x00\x1a',              # i32.const 0 i32.load memory 1 drop
  b'\x41\x07\xfb'+u(28)+b'\xfb'+u(29)+b'\x1a',  # ref.i31 i31.get_s drop
  b'\x41\x03\x41\x04\xfb'+u(6)+u(1)+b'\xfb'+u(15)+b'\x1a',  # array.new 1 array.len drop
  b'\x41\x01\xd0'+s(1)+b'\xfb'+u(0)+u(0)+b'\x21\x00',  # struct.new 0 local.set 0 (non-defaultable)
  b'\x20\x00\xfb'+u(2)+u(0)+u(0)+b'\x1a',       # local.get 0 struct.get 0 0 drop
  b'\x12\x01',                                  # return_call 1
]))
f2 = body([], b'\x20\x00\xfb'+u(20)+s(3))      # ref.test (ref 3)
code = vec([f0, f1, f2])
mod = b'\x00asm\x01\x00\x00\x00' + sec(1,types)+sec(3,funcs)+sec(5,mems)+sec(13,tags)+sec(6,glob)+sec(7,exports)+sec(10,code)
# a name section
names = sec(1, vec([u(0)+name('get'), u(1)+name('run')])) + sec(2, vec([u(1)+vec([u(0)+name('s')])]))
mod += sec(0, name('name')+names)
open(sys.argv[1], 'wb').write(mod)
