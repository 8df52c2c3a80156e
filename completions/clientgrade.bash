# bash completion for clientgrade: grade, rollup, quadrant, touchplan, prune,
# profile.
#
# One script serves every tool: the package installs it as
# bash-completion/completions/grade and links the other tools' names to
# it, so whichever tool is completed first loads it for all of them. It
# needs nothing from the bash-completion package, so it can also be
# sourced from ~/.bashrc: . completions/clientgrade.bash
#
# Options come from each tool's --help (test/script/completion.sh checks
# that the two lists are the same, and the kinds: argument or not). Column names for --col ROLE=, --where,
# --keep and the other options that name a column come from the header
# line of the first file operand on the command line (or the file after
# "<"), split on the delimiter the tools would sniff: the most common of
# , ; tab | outside quotes, the first of them on a tie.

# The options every tool shares ("Common options:" in --help): with an
# argument, then without.
_clientgrade_common_arg='--col --config --dates --decimal --encoding --delimiter --today'
_clientgrade_common_flag='--inspect -q --quiet --help --version'

# _clientgrade_opts TOOL: set _cg_arg (options that take the next word as
# their argument), _cg_opt (options whose argument is optional, given as
# --opt=VALUE only) and _cg_flag (options without an argument), each in
# the order of TOOL's --help.
_clientgrade_opts()
{
	case $1 in
	grade)
		_cg_arg='-m --method -s --scale -w --weight --abc --home --homes --previous --plot --group'
		_cg_opt='--summary'
		_cg_flag='--worksheet -e --explain'
		;;
	rollup)
		_cg_arg='--key --value --date --where --distinct --owner-from --window --accounts --accounts-key --rejects'
		_cg_opt=''
		_cg_flag='--replace --strict'
		;;
	quadrant)
		_cg_arg='--cut --potential --plot --labels'
		_cg_opt='--summary'
		_cg_flag='--explain --log'
		;;
	touchplan)
		_cg_arg='--from --to --by --workdays --holidays --away --capacity --visit-capacity --written-capacity --cluster-km --owner --stale-days --format --keep --plot --topics'
		_cg_opt='--week --month --quarter'
		_cg_flag='--strict --todo --cluster-visits'
		;;
	profile)
		_cg_arg='-g --group --touches -f --format -n --top'
		_cg_opt=''
		_cg_flag=''
		;;
	prune)
		_cg_arg='-r --rejects --max-reject --rules --stale-days --client-stages --max-unanswered --require --min --dupe-keys'
		_cg_opt=''
		_cg_flag='-n --dry-run -s --summary --force --no-stale --no-noreply --no-fit --no-dupes'
		;;
	*)
		_cg_arg='' _cg_opt='' _cg_flag=''
		;;
	esac
	_cg_arg="$_cg_arg $_clientgrade_common_arg"
	_cg_flag="$_cg_flag $_clientgrade_common_flag"
}

# _clientgrade_options TOOL: every option of TOOL, one a line, after its
# kind: "arg", "opt" (an optional =VALUE) or "flag". The test compares
# this list with what --help says.
_clientgrade_options()
{
	local o
	_clientgrade_opts "$1"
	for o in $_cg_arg; do printf 'arg %s\n' "$o"; done
	for o in $_cg_opt; do printf 'opt %s\n' "$o"; done
	for o in $_cg_flag; do printf 'flag %s\n' "$o"; done
}

# The roles --col can name (clientgrade(7), COLUMN ROLES).
_clientgrade_roles='id account owner volume orders last_order last_contact next_contact recency days_to_pay overdue distance latitude longitude accessibility openness referrals engagement our_contacts their_contacts contacts potential employees source referred_volume last_referral stage grade score quadrant email phone domain no_reply date value name'

# _clientgrade_dequote WORD: set _cg_w to WORD as the shell would pass it,
# for the simple quoting people type at a prompt ('a b', "a b", a\ b). It
# sets a variable rather than printing, as $(...) would fork every time.
_clientgrade_dequote()
{
	local w=$1
	_cg_w=
	case $w in
	\'*) w=${w#\'}; _cg_w=${w%\'}; return ;;
	\"*) w=${w#\"}; w=${w%\"} ;;
	esac
	while [[ $w == *\\* ]]; do
		_cg_w+=${w%%\\*}
		w=${w#*\\}
		_cg_w+=${w:0:1}
		w=${w:1}
	done
	_cg_w+=$w
}

# _clientgrade_header FILE [DELIM [ENCODING]]: the column names of FILE's
# header line, one a line. DELIM is a character, or empty to sniff it as
# the tools do. The header is the first line, or the second after a
# spreadsheet's "sep=X" line; a UTF-8 byte order mark is dropped, and a
# UTF-16 one (or ENCODING) converted with iconv.
_clientgrade_header()
{
	local file=$1 delim=${2-} enc=${3-} bom
	[ -f "$file" ] && [ -r "$file" ] || return 0
	bom=$(head -c 2 -- "$file" | od -An -tx1 | tr -d ' \n')
	case $bom in
	fffe|feff) enc=UTF-16 ;;
	esac
	# Only the start of the file is read: a header is not a megabyte.
	{
		if [ -n "$enc" ]; then
			head -c 1048576 -- "$file" | iconv -f "$enc" -t UTF-8 2>/dev/null
		else
			head -c 1048576 -- "$file"
		fi
	} | LC_ALL=C awk -v delim="$delim" '
	NR == 1 { sub(/^\357\273\277/, "") }
	{ sub(/\r.*/, "") }
	NR == 1 && /^sep=.$/ { if (delim == "") delim = substr($0, 5, 1); next }
	{
		line = $0
		n = length(line)
		if (delim == "") {
			# The sniff: count each candidate outside quotes; a quote
			# opens only at the start of a field.
			split(",;\t|", cand, "")
			cnt[1] = cnt[2] = cnt[3] = cnt[4] = 0
			inq = 0; atstart = 1
			for (i = 1; i <= n; i++) {
				c = substr(line, i, 1)
				if (c == "\"" && (inq || atstart))
					inq = !inq
				atstart = 0
				if (inq)
					continue
				for (k = 1; k <= 4; k++)
					if (c == cand[k]) { cnt[k]++; atstart = 1 }
			}
			best = 1
			for (k = 2; k <= 4; k++)
				if (cnt[k] > cnt[best])
					best = k
			delim = cand[best]
		}
		# Split on delim outside quotes; "" inside quotes is one quote.
		f = ""; inq = 0; atstart = 1
		for (i = 1; i <= n; i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { f = f c; i++ }
					else inq = 0
				} else
					f = f c
			} else if (c == "\"" && atstart) {
				inq = 1; atstart = 0
			} else if (c == delim) {
				print f; f = ""; atstart = 1
			} else {
				f = f c; atstart = 0
			}
		}
		print f
		exit
	}'
}

# _clientgrade_delim WORD: the character a --delimiter argument names.
_clientgrade_delim()
{
	case $1 in
	comma) printf ',' ;;
	semicolon) printf ';' ;;
	pipe) printf '|' ;;
	tab | '\t') printf '\t' ;;
	?) printf '%s' "$1" ;;
	esac
}

# _clientgrade_add PREFIX WORD...: add PREFIX+WORD to _cg_cands for each
# WORD that PREFIX+WORD extends the current (dequoted) word with.
_clientgrade_add()
{
	local p=$1 w
	shift
	for w in "$@"; do
		[[ $p$w == "$_cg_cur"* ]] && _cg_cands+=("$p$w")
	done
}

# _clientgrade_list PREFIX WORD...: complete the last item of a
# comma-separated list (--rules stale,no<Tab>), items not yet given.
_clientgrade_list()
{
	local p=$1 given w
	shift
	given=${_cg_cur#"$p"}
	case $given in
	*,*) given=${given%,*}, ;;
	*) given= ;;
	esac
	for w in "$@"; do
		case ,$given in
		*,"$w",*) ;;
		*) _clientgrade_add "$p$given" "$w" ;;
		esac
	done
}

# _clientgrade_columns FILE: add FILE's column names, each followed by
# the suffix in $2 (e.g. "=" for --where COL=VALUE).
_clientgrade_columns()
{
	local names=()
	mapfile -t names < <(_clientgrade_header "$1" "$_cg_delim" "$_cg_enc")
	((${#names[@]})) && _clientgrade_add "" "${names[@]/%/${2-}}"
}

# The completion function: complete -F _clientgrade TOOL.
_clientgrade()
{
	local tool=${1##*/} i j line word sep cword glue=0 words=()
	local cur prev arg opt o file='' acc='' files=() after='' want='' c
	local _cg_arg _cg_opt _cg_flag _cg_cur _cg_w _cg_cands=()
	local _cg_delim='' _cg_enc=''
	COMPREPLY=()

	# Put back together what readline split at '=' and ':' (they are in
	# COMP_WORDBREAKS), so "--col volume=Na" is one word again: a word of
	# only these characters is glued to its neighbours unless blanks
	# stood between them in the line.
	line=${COMP_LINE-}
	j=-1
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		word=${COMP_WORDS[i]}
		sep=0
		[[ $line == [[:blank:]]* ]] && sep=1
		line=${line#"${line%%[![:blank:]]*}"}
		line=${line#"$word"}
		if ((j >= 1 && sep == 0)) && { [[ $word =~ ^[=:]+$ ]] || ((glue)); }; then
			words[j]+=$word
		else
			words[++j]=$word
		fi
		glue=0
		[[ $word =~ ^[=:]+$ ]] && glue=1
		((i == COMP_CWORD)) && cword=$j
	done
	if [ -z "${cword-}" ]; then
		cword=$((j + 1))
		words[cword]=
	fi
	cur=${words[cword]}
	prev=
	((cword > 1)) && prev=${words[cword - 1]}
	_clientgrade_dequote "$cur"
	_cg_cur=$_cg_w

	_clientgrade_opts "$tool"

	# Every other word: the file operands, and the --delimiter,
	# --encoding and --accounts given (the cursor may be anywhere).
	for ((i = 1; i < ${#words[@]}; i++)); do
		((i == cword)) && continue
		_clientgrade_dequote "${words[i]}"
		word=$_cg_w
		if [[ -z $after && $word == -?* ]]; then
			if [[ $word == -- ]]; then
				after=1
				continue
			fi
			o=${word%%=*} arg=
			if [[ $word == --*=* ]]; then
				arg=${word#*=}
			elif [[ " $_cg_arg " == *" $o "* ]]; then
				((i + 1 != cword)) && _clientgrade_dequote "${words[i + 1]-}" && arg=$_cg_w
				((i++))
			fi
			case $o in
			--delimiter) _cg_delim=$(_clientgrade_delim "$arg") ;;
			--encoding) _cg_enc=$arg ;;
			--accounts) acc=$arg ;;
			esac
		elif [[ -z $after && $word == '<' ]]; then
			if ((i + 1 != cword)); then
				_clientgrade_dequote "${words[i + 1]-}"
				files+=("$_cg_w")
			fi
			((i++))
		else
			files+=("$word")
		fi
	done
	for c in "${files[@]}"; do
		if [ -f "$c" ]; then
			file=$c
			break
		fi
	done

	# What the current word is: an option's argument (after "--opt", or
	# the part after "--opt="), an option, or a file operand.
	opt='' arg=''
	if [[ $cur == --*=* ]]; then
		opt=${_cg_cur%%=*}
		arg=$opt=
		[[ " $_cg_arg $_cg_opt " == *" $opt "* ]] || return 0
	elif [[ " $_cg_arg " == *" $prev "* ]]; then
		opt=$prev
		# After "--" every word is an operand, options too.
		for ((i = 1; i < cword - 1; i++)); do
			[[ ${words[i]} == -- ]] && opt=
		done
	fi

	if [ -n "$opt" ]; then
		_cg_cur=${_cg_cur#"$arg"}
		case $opt in
		-m | --method) [ "$tool" = grade ] && _clientgrade_add "" score abc rfm rules ;;
		-s | --scale) [ "$tool" = grade ] && _clientgrade_add "" abc aaa abcd ;;
		-f | --format)
			case $tool in
			touchplan) _clientgrade_add "" csv ics agenda ;;
			profile) _clientgrade_add "" csv text ;;
			esac
			;;
		--dates) _clientgrade_add "" us eu iso serial auto ;;
		--summary) _clientgrade_add "" csv text ;;
		--decimal) _clientgrade_add "" dot comma ;;
		--delimiter) _clientgrade_add "" comma semicolon tab pipe ;;
		--encoding) _clientgrade_add "" UTF-8 cp1252 latin1 utf-16le utf-16be ;;
		--by) _clientgrade_add "" grade quadrant ;;
		--potential) _clientgrade_add "" column headroom ;;
		--rules) _clientgrade_list "" stale noreply fit dupes ;;
		--dupe-keys) _clientgrade_list "" name email domain phone ;;
		--cut)
			# axis=value[,axis=value]: the axis of the last item.
			[[ ${_cg_cur##*,} == *=* ]] ||
			    _clientgrade_add "${_cg_cur%"${_cg_cur##*,}"}" engagement= potential=
			;;
		-w | --weight)
			[[ $_cg_cur == *=* ]] ||
			    _clientgrade_add "" volume= frequency= recency= payment= \
				overdue= distance= accessibility= openness= referrals=
			;;
		--col)
			if [[ $_cg_cur == *=* ]]; then
				local names=()
				mapfile -t names < <(_clientgrade_header "$file" "$_cg_delim" "$_cg_enc")
				((${#names[@]})) && _clientgrade_add "${_cg_cur%%=*}=" "${names[@]}"
			else
				local roles=()
				read -ra roles <<<"$_clientgrade_roles"
				_clientgrade_add "" "${roles[@]/%/=}"
			fi
			;;
		--where | --require | --min)
			[[ $_cg_cur == *=* ]] || _clientgrade_columns "$file" =
			;;
		--keep | --key | --value | --date | --distinct | --owner-from | -g | --group)
			_clientgrade_columns "$file"
			;;
		--accounts-key)
			_clientgrade_columns "$acc"
			;;
		--config | --accounts | -r | --rejects | --holidays | --away | --plot | \
		    --previous | --touches | --topics)
			want=files
			;;
		*)
			# A number, a date or a name: nothing to offer.
			return 0
			;;
		esac
		_cg_cands=("${_cg_cands[@]/#/$arg}")
		_cg_cur=$arg$_cg_cur
	elif [[ -z $after && $_cg_cur == -* ]]; then
		local all=()
		read -ra all <<<"$_cg_arg $_cg_opt $_cg_flag"
		_clientgrade_add "" "${all[@]}"
		if [ -n "$_cg_opt" ]; then
			read -ra all <<<"$_cg_opt"
			_clientgrade_add "" "${all[@]/%/=}"
		fi
	else
		want=files
	fi

	if [ "$want" = files ]; then
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "${_cg_cur#"$arg"}")
		return 0
	fi

	# Readline replaces only the text after the last '=' or ':' it split
	# the word at, so hand back what follows that, quoted for the shell.
	local brk='' split='' nospace='' q
	[[ ${COMP_WORDBREAKS-} == *=* ]] && brk+='='
	[[ ${COMP_WORDBREAKS-} == *:* ]] && brk+=':'
	[ -n "$brk" ] && split=${_cg_cur%"${_cg_cur##*["$brk"]}"}
	for c in "${_cg_cands[@]}"; do
		# "--col volume=" and "--summary=" are not finished: no space.
		[[ $c == *= ]] && nospace=1
		q=${c#"$split"}
		# Quote only what the shell would take apart: %q would also quote
		# ',' and, in some locales, letters like 'ß'.
		[[ $q == *[[:space:]\'\"\\\$\`\|\&\;\<\>\(\)\*\?\[\]\{\}\!\#~^]* ]] &&
		    printf -v q '%q' "$q"
		COMPREPLY+=("$q")
	done
	[ -n "$nospace" ] && compopt -o nospace 2>/dev/null
	return 0
}

complete -F _clientgrade grade rollup quadrant touchplan prune profile
