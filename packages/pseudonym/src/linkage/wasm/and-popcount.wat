;; |A ∧ B| of one Bloom filter against many, for Sørensen–Dice (spec/linkage.md §6).
;;
;; The caller copies filters into memory once and asks for intersection popcounts of filter A
;; (at byte address $a) with n filters B; the counts are written as i32 at $out, $out+4, ….
;; Filters are $bytes long. Byte order inside a filter does not matter (AND and popcount work
;; position by position), so the JS side copies its Uint32Array words as they are.
;;
;; Compiled by test/wasm-dice.test.ts (wabt) and compared with the bytes committed in
;; and-popcount.wasm.ts; rebuild those with `node --import tsx packages/pseudonym/test/gen-wasm-dice.ts`.
(module
  (memory (export "memory") 1)

  ;; Popcount of (A ∧ B) over $bytes bytes with i8x16.popcnt. Lanes count at most 8 per 16-byte
  ;; chunk, so the 8-bit accumulator is widened every 16 chunks (16·8 = 128 < 256).
  ;; Requires $bytes to be a multiple of 16.
  (func $and_popcnt_simd (param $a i32) (param $b i32) (param $bytes i32) (result i32)
    (local $k i32) (local $acc v128) (local $wide v128) (local $chunk i32)
    (local.set $wide (v128.const i64x2 0 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $bytes)))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $chunk (i32.const 0))
        (block $flush
          (loop $inner
            (br_if $flush (i32.ge_u (local.get $k) (local.get $bytes)))
            (br_if $flush (i32.eq (local.get $chunk) (i32.const 16)))
            (local.set $acc
              (i8x16.add (local.get $acc)
                (i8x16.popcnt
                  (v128.and
                    (v128.load (i32.add (local.get $a) (local.get $k)))
                    (v128.load (i32.add (local.get $b) (local.get $k)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (local.set $chunk (i32.add (local.get $chunk) (i32.const 1)))
            (br $inner)))
        (local.set $wide
          (i32x4.add (local.get $wide)
            (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $acc)))))
        (br $next)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $wide)) (i32x4.extract_lane 1 (local.get $wide)))
      (i32.add (i32x4.extract_lane 2 (local.get $wide)) (i32x4.extract_lane 3 (local.get $wide)))))

  ;; n filters B stored one after the other from $b.
  (func (export "andPopcountBlock")
    (param $a i32) (param $b i32) (param $n i32) (param $bytes i32) (param $out i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store (local.get $out)
          (call $and_popcnt_simd (local.get $a) (local.get $b) (local.get $bytes)))
        (local.set $b (i32.add (local.get $b) (local.get $bytes)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next))))

  ;; n filters B at $base + index·$bytes, the i32 indices listed from $idx.
  (func (export "andPopcountList")
    (param $a i32) (param $base i32) (param $idx i32) (param $n i32) (param $bytes i32)
    (param $out i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store (local.get $out)
          (call $and_popcnt_simd (local.get $a)
            (i32.add (local.get $base) (i32.mul (i32.load (local.get $idx)) (local.get $bytes)))
            (local.get $bytes)))
        (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))))
