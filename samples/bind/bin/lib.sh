# Shared by start.sh, test.sh, validate.sh and update.sh (sourced, not run).
# The checks work on the tree at SERVICE_ROOT, which tests mount read-only: anything
# written goes to /run/named or a temporary directory.

ROOT=${SERVICE_ROOT:-/srv/named}
RUN_DIR=/run/named
ROLE_INCLUDE="$RUN_DIR/role.conf"
SIGNED_DIR=/var/lib/bind/signed
KEY_DIR=/var/lib/bind/keys

# An rndc key per container; named.conf includes it, so the checks need one too.
ensure_rndc_key() {
	install -d -o bind -g bind "$RUN_DIR"
	[[ -s "$RUN_DIR/rndc.key" ]] || rndc-confgen -a -c "$RUN_DIR/rndc.key" -u bind >/dev/null
	prepare_signing
}

# Signed zones (zones.yaml `dnssec:`): named keeps the signed copy and its journals beside the zone
# file, and the tree is read-only, so a signed zone's file is a link in SIGNED_DIR to the tree's file.
# Its keys are copied from the tree's keys/ to KEY_DIR, where named records their state. Idempotent.
prepare_signing() {
	install -d -o bind -g bind "$SIGNED_DIR" "$KEY_DIR"
	local zone
	for zone in $(sed -n "s|^[[:space:]]*file \"$SIGNED_DIR/\([^\"]*\)\";.*|\1|p" "$ROOT"/conf/named_*_zones 2>/dev/null); do
		ln -sfn "$ROOT/zones/master/$zone" "$SIGNED_DIR/$zone"
	done
	if compgen -G "$ROOT/keys/K*" >/dev/null; then
		cp -n "$ROOT"/keys/K* "$KEY_DIR"/
		chown bind:bind "$KEY_DIR"/K*
		chmod 600 "$KEY_DIR"/K*.private
	fi
}

# What named loaded of each signed zone, by the file's sha256 (RUN_DIR/signed-loaded/ZONE): named signs
# only a raw zone whose serial went up, so update.sh tells a file rewritten as it was (a rollout
# copies every data file) from one changed without a new serial (which named would go on serving old).
SIGNED_LOADED="$RUN_DIR/signed-loaded"
signed_zone() { [[ -L "$SIGNED_DIR/$1" ]]; }
record_signed_loaded() {
	local zone
	install -d "$SIGNED_LOADED"
	for zone in $(find "$SIGNED_DIR" -maxdepth 1 -type l -printf '%f\n' 2>/dev/null); do
		sha256sum <"$ROOT/zones/master/$zone" | cut -d' ' -f1 >"$SIGNED_LOADED/$zone"
	done
}

# named drops to the bind user: a tree it cannot read (a 0700 temporary directory, a checkout
# under umask 077, and the image COPYs modes as they are) fails at start, or for a zone file
# only SERVFAILs that zone. Prints each unreadable path; returns non-zero if any.
check_readable() {
	local paths
	paths=$(setpriv --reuid=bind --regid=bind --clear-groups find "$ROOT" -name .git -prune -o \
		\( -type d \( ! -readable -o ! -executable \) -prune -o ! -readable \) -print 2>&1)
	[[ -z $paths ]] || { sed "s|^$ROOT/\\?||; s|^\$|.|; s|\$|:0: not readable by user bind, whom named runs as (chmod -R a+rX)|" <<<"$paths"; return 1; }
}

# The line named.conf includes the role's zone list with.
zone_list_include() {
	printf 'include "%s/conf/named_%s_zones";\n' "$ROOT" "$1"
}

# named.conf for ROLE, written to FILE: a copy whose role include names the role's zone list
# on the same line, so BIND's line numbers stay those of named.conf. Checking both roles
# this way never touches the role.conf a running named uses.
conf_for_role() {
	local role=$1 file=$2
	grep -Eq "^[[:space:]]*include[[:space:]]+\"$ROLE_INCLUDE\"[[:space:]]*;" "$ROOT/named.conf" || {
		echo "named.conf:0: no 'include \"$ROLE_INCLUDE\";' line: the role's zone list would never load"
		return 1
	}
	sed -E "s|^[[:space:]]*include[[:space:]]+\"$ROLE_INCLUDE\"[[:space:]]*;|$(zone_list_include "$role")|" \
		"$ROOT/named.conf" >"$file"
}

# BIND's complaints as `path:line: message`, paths relative to ROOT. BIND prints absolute
# paths, sometimes after a prefix (`dns_master_load: /srv/named/...:12: ...`); a message with
# no location is put on DEFAULT line 0, and only when no located message explains it.
# Usage: relative DEFAULT [TEMPFILE ALIAS]
relative() {
	awk -v root="$ROOT/" -v dflt="$1" -v tmp="${2:-}" -v alias="${3:-}" '
		function rel(s) {
			if (tmp != "") gsub(tmp, alias, s)
			gsub(root, "", s)
			return s
		}
		/^OK$/ || /loaded serial/ || /^$/ { next }
		match($0, /\/[^ :]+:[0-9]+: /) {
			where = substr($0, RSTART, RLENGTH - 2)
			msg = substr($0, RSTART + RLENGTH)
			# BIND does not say which include is missing: quote the line it points at.
			if (msg ~ /file not found$/) {
				path = where; sub(/:[0-9]+$/, "", path); line = where; sub(/.*:/, "", line)
				for (i = 1; (getline text < path) > 0; i++)
					if (i == line) { gsub(/^[ \t]+/, "", text); msg = msg ": " text; break }
				close(path)
			}
			print rel(where) ": " rel(msg)
			located++
			next
		}
		{ loose[++n] = $0 }
		END { if (!located) for (i = 1; i <= n; i++) print dflt ":0: " rel(loose[i]) }'
}

# named-checkconf on named.conf in ROLE; prints problems, returns non-zero on any.
check_conf() {
	local role=$1 tmp out rc=0
	tmp=$(mktemp -d)
	ensure_rndc_key
	conf_for_role "$role" "$tmp/named.conf" || { rm -rf "$tmp"; return 1; }
	out=$(named-checkconf "$tmp/named.conf" 2>&1) || rc=$?
	((rc == 0)) || printf '%s\n' "$out" | relative named.conf "$tmp/named.conf" named.conf
	rm -rf "$tmp"
	return "$rc"
}

# The zones ROLE serves, one `name type file` line each, as BIND itself reads the config.
zones() {
	local role=$1 tmp
	tmp=$(mktemp -d)
	ensure_rndc_key
	conf_for_role "$role" "$tmp/named.conf" >/dev/null &&
		named-checkconf -p "$tmp/named.conf" | awk '
			/^zone "/ { name = $2; gsub(/"/, "", name); type = ""; file = "" }
			name != "" && $1 == "type" { type = $2; sub(/;$/, "", type) }
			name != "" && $1 == "file" { file = $2; gsub(/[";]/, "", file) }
			name != "" && /^};/ { print name, type, file; name = "" }' |
		while read -r name type file; do
			# A signed zone's file is a link into the tree: callers check and stat the tree's file.
			[[ ! -L $file ]] || file=$(readlink -f "$file")
			echo "$name $type $file"
		done
	rm -rf "$tmp"
}

# named-checkzone on one zone: prints the zone's serial when clean, else the problems and
# returns non-zero. `-i local` keeps the check offline: full integrity checks look up
# out-of-zone NS/MX names over the network.
check_zone() {
	local zone=$1 file=$2 out rc=0
	out=$(named-checkzone -i local "$zone" "$file" 2>&1) || rc=$?
	if ((rc == 0)); then
		sed -n 's/.*loaded serial \([0-9]*\).*/\1/p' <<<"$out"
	else
		printf '%s\n' "$out" | relative "${file#"$ROOT"/}"
	fi
	return "$rc"
}

# ldns-verify-zone, a verifier that understands DNSSEC, on one zone that named-checkzone accepted:
# a zone already signed in the tree as it is; a zone with keys in keys/ signed first with them into a
# temporary copy (what named will serve); any other zone as it is, where only a missing DNSKEY is
# expected. Prints problems as `path:line: message` (the line of the record set ldns names, or 0);
# returns non-zero on any.
verify_zone() {
	local zone=$1 file=$2 rel=${2#"$ROOT"/} tmp out rc=0 target=$2 signed=yes
	tmp=$(mktemp -d)
	if ! grep -q '[[:space:]]RRSIG[[:space:]]' "$file"; then
		if compgen -G "$ROOT/keys/K$zone.+*.key" >/dev/null; then
			target=$tmp/signed
			# -z: the sample's key is a combined signing key (KSK flag) that also signs the zone.
			out=$(dnssec-signzone -q -z -S -K "$ROOT/keys" -o "$zone" -f "$target" -d "$tmp" "$file" 2>&1) || {
				printf '%s\n' "$out" | sed "s|^|$rel:0: dnssec-signzone with keys/: |"
				rm -rf "$tmp"
				return 1
			}
		else
			signed=no
		fi
	fi
	out=$(ldns-verify-zone "$target" 2>&1) || rc=$?
	rm -rf "$tmp"
	if [[ $signed == no ]]; then
		# An unsigned zone has no DNSKEY: that is all ldns may say of it.
		out=$(grep -v -e '^Error: No DNSKEY records at zone apex' -e '^There were errors in the zone' <<<"$out" || true)
		[[ -n $out ]] || return 0
		rc=1
	fi
	((rc != 0)) || return 0
	grep -v -e '^There were errors in the zone' -e '^Zone is verified' -e '^$' <<<"$out" | awk -v file="$file" -v rel="$rel" -v zone="$zone." '
		# The line of the first record of OWNER TYPE in the zone file, or 0.
		function line_of(owner, type,    text, n, f, cur, i, t) {
			cur = zone
			for (n = 1; (getline text < file) > 0; n++) {
				sub(/;.*/, "", text)
				if (text ~ /^[ \t]*$/ || text ~ /^\$/) continue
				f = split(text, w, /[ \t]+/)
				if (text !~ /^[ \t]/) { cur = w[1] == "@" ? zone : (w[1] ~ /\.$/ ? w[1] : w[1] "." zone); i = 2 } else i = 2
				for (; i <= f; i++) { t = w[i]; if (t ~ /^[0-9]+$/ || t == "IN") continue; break }
				if (tolower(cur) == tolower(owner) && t == type) { close(file); return n }
			}
			close(file)
			return 0
		}
		match($0, /at line [0-9]+/) { print rel ":" substr($0, RSTART + 8, RLENGTH - 8) ": " $0; next }
		# ldns names a record set as `... for www.example.com.<tab>A` or `... rrset: www.example.com. A`.
		match($0, /(for|rrset:) [^ \t]+[ \t]+[A-Z0-9]+$/) {
			split(substr($0, RSTART, RLENGTH), r, /[ \t]+/)
			msg = $0; gsub(/\t/, " ", msg)
			print rel ":" line_of(r[2], r[3]) ": " msg; next
		}
		{ print rel ":0: " $0 }'
	return 1
}
