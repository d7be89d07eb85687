#!/usr/bin/env bash
# The README's tour, as it runs: ./ledger tour
# Talks to the API at $LEDGER_URL (default http://127.0.0.1:5080, i.e. a ./ledger run in another terminal); with
# nothing answering there it starts one of its own for the tour and stops it afterwards. Every step prints the
# curl command and the start of the answer, and the tour stops at the first answer whose status is not the one
# the step expects. Dates are relative to today (Beijing time), ids and versions are taken from the answers, and
# every ID number, credit code and certificate number is new on each run, so the tour runs again on the same ledger.
# The subsidy claim is dated 2021, inside Heilongjiang's programme (2019-2021): its training records are entered
# late, with the reason NAT-ARC-01 asks for.
# Needs bash, curl, grep and sed (GNU date).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

L="${LEDGER_URL:-http://127.0.0.1:5080}"
command -v curl >/dev/null || { echo "tour: curl is required (Debian: sudo apt-get install curl)" >&2; exit 1; }

started=""
if ! curl -sf -o /dev/null "$L/health"; then
  if [ -n "${LEDGER_URL:-}" ]; then echo "tour: nothing answers at $LEDGER_URL/health" >&2; exit 1; fi
  echo "tour: no API at $L; starting ./ledger run for the tour (its log: .ledger/tour-api.log)" >&2
  mkdir -p "$repo/.ledger"
  setsid "$repo/ledger" run >"$repo/.ledger/tour-api.log" 2>&1 &
  started=$!
  trap 'kill -- -"$started" 2>/dev/null || true; wait "$started" 2>/dev/null || true' EXIT
  for _ in $(seq 1 360); do curl -sf -o /dev/null "$L/health" && break; kill -0 "$started" 2>/dev/null || { tail -20 "$repo/.ledger/tour-api.log" >&2; exit 1; }; sleep 1; done
  curl -sf -o /dev/null "$L/health" || { echo "tour: the API did not start in 6 minutes" >&2; exit 1; }
fi

# --- what the tour needs: run-unique numbers, relative dates, one call that checks its answer ---------------------

run=$(( $(date +%s) % 100000 ))
day() { TZ=Asia/Shanghai date -d "${1:-0} days" +%F; }
month() { TZ=Asia/Shanghai date -d "${1:-0} months" +%Y-%m; }

# A valid GB 11643 ID number (ISO 7064 MOD 11-2) born on $2 in district $1, sequence $3.
id_number() {
  local first17="$1${2//-/}$(printf '%03d' $(( $3 % 1000 )))" weights=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) sum=0 i
  for i in $(seq 0 16); do sum=$(( sum + ${first17:i:1} * weights[i] )); done
  local checks=10X98765432
  echo "$first17${checks:sum%11:1}"
}
# A valid GB 32100 unified social credit code for division $1 with serial $2.
credit_code() {
  local symbols=0123456789ABCDEFGHJKLMNPQRTUWXY first17 weights=(1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28) sum=0 i c
  first17="91$1MA$(printf '%07d' $(( $2 % 10000000 )))"
  for i in $(seq 0 16); do c=${first17:i:1}; c=${symbols%%"$c"*}; sum=$(( sum + ${#c} * weights[i] )); done
  c=$(( (31 - sum % 31) % 31 ))
  echo "$first17${symbols:c:1}"
}

# The first value of a field in the last answer: get personId, get version.
get() { grep -oE "\"$1\":(\"[^\"]*\"|-?[0-9.]+|true|false|null)" <<<"$ANSWER" | head -1 | sed -E 's/^"[^"]*"://; s/^"//; s/"$//'; }

steps=0
# call STATUS METHOD PATH ACTOR [JSON] [FILE]: one request as ACTOR (an array of headers below, or "public");
# prints the command and the answer's first 300 characters, keeps the answer in $ANSWER, stops the tour on any other status.
call() {
  local expect=$1 method=$2 path=$3 actor=$4 body=${5:-} file=${6:-} out status
  local -a headers=()
  if [ "$actor" != public ]; then local -n who="$actor"; headers=("${who[@]}"); fi
  out=$(mktemp)
  local -a args=(-s -o "$out" -w '%{http_code}' -X "$method" "$L$path" "${headers[@]}")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  printf '\n$ curl -X %s %s%s%s\n' "$method" "$path" "$([ "$actor" = public ] || echo " \$${actor^^}")" "$([ -n "$body" ] && echo " -d '$body'")"
  status=$(curl "${args[@]}") || status=000
  ANSWER=$(cat "$out")
  if [ -n "$file" ]; then cp "$out" "$file"; printf '%s  %s (%s bytes)\n' "$status" "$file" "$(wc -c <"$out")"
  else printf '%s  %.300s\n' "$status" "$ANSWER"; fi
  rm -f "$out"
  steps=$(( steps + 1 ))
  if [ "$status" != "$expect" ]; then echo "tour: step $steps answered $status, expected $expect" >&2; exit 1; fi
}
# expect TEXT: the last answer must contain TEXT.
expect() { grep -qF -- "$1" <<<"$ANSWER" || { echo "tour: step $steps's answer does not contain $1" >&2; exit 1; }; }
# eventually TEXT PATH ACTOR: a read the daemon keeps (async projections, subscriptions) shows TEXT within 60 s.
eventually() {
  local text=$1 path=$2 actor=$3 i
  local -n who="$actor"
  for i in $(seq 1 120); do curl -s "$L$path" "${who[@]}" | grep -qF -- "$text" && break; sleep 0.5; done
  call 200 GET "$path" "$actor"; expect "$text"
}
say() { printf '\n# %s\n' "$*"; }

# The actors (development headers; with real tokens: -H "Authorization: Bearer $T").
REGULATOR=(-H X-Ledger-User:clerk-wang -H X-Ledger-Org:tj-jizhou-emergency-bureau -H X-Ledger-Role:regulator -H X-Ledger-Jurisdiction:tj)
HLJ_REGULATOR=(-H X-Ledger-User:inspector-qian -H X-Ledger-Org:harbin-emergency-bureau -H X-Ledger-Role:regulator -H X-Ledger-Jurisdiction:hlj)
HLJ_HR=(-H X-Ledger-User:officer-li -H X-Ledger-Org:hlj-hr-bureau -H X-Ledger-Role:hr-bureau -H X-Ledger-Jurisdiction:hlj)
HLJ_PAYER=(-H X-Ledger-User:cashier-zhou -H X-Ledger-Org:hlj-hr-bureau -H X-Ledger-Role:hr-bureau -H X-Ledger-Jurisdiction:hlj)
HLJ_FINANCE=(-H X-Ledger-User:accountant-wu -H X-Ledger-Org:hlj-finance-bureau -H X-Ledger-Role:finance-bureau -H X-Ledger-Jurisdiction:hlj)
AUDITOR=(-H X-Ledger-User:auditor-he -H X-Ledger-Org:hlj-audit-office -H X-Ledger-Role:auditor -H X-Ledger-Jurisdiction:hlj -H "X-Ledger-Reason:2021 subsidy audit")
JZ_INSPECTOR=(-H X-Ledger-User:inspector-li -H X-Ledger-Org:tj-jizhou-emergency-bureau -H X-Ledger-Role:regulator -H X-Ledger-Jurisdiction:tj-jizhou)
REGULATOR_ZH=("${REGULATOR[@]}" -H "Accept-Language: zh-CN")   # answers, problems included, in Chinese
# ENTERPRISE and INSTITUTION are set once their records exist: each acts only for itself.

# --- the tour -------------------------------------------------------------------------------------------------------
# tour:begin
say "Register a person. The ID number is checked (GB 11643) and never appears in a URL or unmasked in an answer."
ID=$(id_number 120225 1990-05-$(printf '%02d' $(( run % 28 + 1 ))) $run)
call 201 POST /api/persons REGULATOR '{"idNumber":"'$ID'","name":"张三","education":"senior-secondary","hukouDistrict":"天津市蓟州区","mobile":"13812345678"}'
P=$(get personId); PV=$(get version)

say "Find a person by ID number: the number travels in the body, not the URL."
call 200 POST /api/persons/search REGULATOR '{"idNumber":"'$ID'"}'

say "Issue a low-voltage electrician certificate: valid 6 years, review due after 3 (national rule)."
NUMBER="T12$(printf '%05d' $run)1"
call 201 POST /api/persons/$P/certificates REGULATOR '{"number":"'$NUMBER'","kind":"special-operation","workType":"electrical.low-voltage",
  "examPoint":"蓟州区安全生产考试点","examDate":"'$(day -20)'","passDate":"'$(day -20)'","issuedOn":"'$(day -18)'",
  "issuingAuthority":"天津市应急管理局","validFrom":"'$(day -18)'"}'
C=$(get certificateId); CV=$(get version)

say "Review it, then revoke it. Every write carries the version it was based on; a stale one gets 409."
call 200 POST /api/certificates/$C/reviews REGULATOR '{"reviewedOn":"'$(day -10)'","passed":true,"reviewPassDate":"'$(day -11)'","version":'$CV'}'
CV=$(get version)
call 409 POST /api/certificates/$C/revocations REGULATOR '{"on":"'$(day -9)'","ground":"deception","reason":"以欺骗手段取得","legalBasis":"原国家安全监管总局令第30号第三十条","version":1}'
call 200 POST /api/certificates/$C/revocations REGULATOR '{"on":"'$(day -9)'","ground":"deception","reason":"以欺骗手段取得","legalBasis":"原国家安全监管总局令第30号第三十条","version":'$CV'}'
CV=$(get version)
sleep 1; KNEW=$(date -u +%FT%TZ)   # an instant after the revocation, for the as-of reads below

say "What an employer or inspector calls (no actor needed): status today, and on a past day; the page for people is /verify."
call 200 GET "/api/certificates/verify?number=$NUMBER&name=%E5%BC%A0%E4%B8%89" public
expect '"status":"revoked"'
call 200 GET "/api/certificates/verify?number=$NUMBER&name=%E5%BC%A0%E4%B8%89&on=$(day -12)" public
expect '"status":"valid"'
say "The same check with number and name in the body, so they stay out of URLs and access logs."
call 200 POST /api/certificates/verifications public '{"number":"'$NUMBER'","name":"张三","on":"'$(day -12)'"}'

say "A refused transition names its rule (in Chinese with Accept-Language: zh-CN)."
call 422 POST /api/certificates/$C/reviews REGULATOR_ZH '{"reviewedOn":"'$(day -8)'","passed":true,"version":'$CV'}'
expect '"ruleId":"NAT-CRT-02"'

say "The certificate's history: every event with business date, recorded time, actor, organisation, reason and version."
call 200 GET /api/certificates/$C/history REGULATOR
say "The person file (一人一档): masked identity, certificates with status, one timeline; and as the ledger knew it at an instant."
call 200 GET /api/persons/$P REGULATOR
call 200 GET "/api/persons/$P?asOf=$KNEW&on=$(day -12)" REGULATOR

say "Renewal (换证): the old certificate is superseded and the new number points back to it."
ID2=$(id_number 120225 1988-03-$(printf '%02d' $(( run % 28 + 1 ))) $(( run + 1 )))
call 201 POST /api/persons REGULATOR '{"idNumber":"'$ID2'","name":"李四","education":"senior-secondary","hukouDistrict":"天津市蓟州区"}'
P2=$(get personId)
call 201 POST /api/persons/$P2/certificates REGULATOR '{"number":"T12'$(printf '%05d' $run)'2","kind":"special-operation","workType":"electrical.low-voltage",
  "examPoint":"蓟州区安全生产考试点","examDate":"'$(day -25)'","passDate":"'$(day -25)'","issuedOn":"'$(day -24)'","issuingAuthority":"天津市应急管理局","validFrom":"'$(day -24)'"}'
C2=$(get certificateId); C2V=$(get version)
call 201 POST /api/certificates/$C2/successors REGULATOR '{"kind":"renewal","newNumber":"T12'$(printf '%05d' $run)'3","examPoint":"蓟州区安全生产考试点","examDate":"'$(day -4)'","passDate":"'$(day -4)'","issuedOn":"'$(day -3)'",
  "issuingAuthority":"天津市应急管理局","validFrom":"'$(day -3)'","reason":"证书到期换证","version":'$C2V'}'

say "Regulators' registers: issuance-deadline breaches and possible forgeries; a forgery found on site is reported."
call 200 GET /api/reports/issuance-deadline-breaches REGULATOR
call 200 GET /api/reports/possible-forgeries REGULATOR
call 202 POST /api/forgery-reports REGULATOR '{"number":"TJ-FORGED-'$run'","whereFound":"现场检查","reportedOn":"'$(day -1)'","reason":"无防伪标识"}'

say "Training institutions: the id is a keyed hash of the unified social credit code; filing, practical conditions."
call 201 POST /api/institutions REGULATOR '{"creditCode":"'$(credit_code 120225 $run)'","name":"蓟州区安全技能培训学校'$run'",
  "kind":"training-institution","jurisdiction":"tj-jizhou","registeredOn":"'$(day -20)'"}'
I=$(get institutionId); IV=$(get version)
call 200 POST /api/institutions/$I/filings REGULATOR '{"filingAuthority":"蓟州区应急管理局","scope":["electrical.low-voltage"],"filedOn":"'$(day -19)'","reason":"备案登记","version":'$IV'}'
IV=$(get version)
call 200 POST /api/institutions/$I/practical-capabilities REGULATOR '{"workType":"electrical.low-voltage","facilities":"低压电工实训室","recordedOn":"'$(day -19)'","version":'$IV'}'
say "Its status, scope and capabilities on a day, and \"may it train this work type\"; the institutions of a jurisdiction."
call 200 GET "/api/institutions/$I?on=$(day -1)&workType=electrical.low-voltage" REGULATOR
call 200 GET "/api/institutions?jurisdiction=tj-jizhou" REGULATOR
call 200 GET /api/institutions/$I/history REGULATOR

say "The catalogue, jurisdictions and the versioned policy packs; what applies in a jurisdiction on a day."
call 200 GET /api/catalog/certificate-kinds REGULATOR
call 200 GET /api/jurisdictions REGULATOR
call 200 GET "/api/policies/effective?jurisdiction=sd-jining-qufu&on=2023-05-01" REGULATOR

say "Register an enterprise (GB 32100 checked; a second registration of the code is 409 naming the first)."
ECODE=$(credit_code 120225 $(( run + 50000 )))
call 201 POST /api/enterprises REGULATOR '{"creditCode":"'$ECODE'","name":"蓟州化工有限公司'$run'","legalRepresentative":"王强",
  "industry":"hazardous-chemicals","jurisdiction":"tj-jizhou","aboveDesignatedSize":true,"headcount":640,"trainingCapability":"self-training"}'
E=$(get enterpriseId); EV=$(get version)
call 409 POST /api/enterprises REGULATOR '{"creditCode":"'$ECODE'","name":"重复登记","legalRepresentative":"王强",
  "industry":"hazardous-chemicals","jurisdiction":"tj-jizhou","aboveDesignatedSize":true,"headcount":640,"trainingCapability":"self-training"}'
call 200 POST /api/enterprises/$E/headcount REGULATOR '{"headcount":720,"reportedOn":"'$(day 0)'","version":'$EV'}'
call 200 GET "/api/enterprises?q=$ECODE" REGULATOR

say "Employment lives on the person's stream, so one lifelong file spans every employer (一人一档)."
call 200 GET /api/persons/$P REGULATOR
PV=$(get version)
call 201 POST /api/persons/$P/employments REGULATOR '{"enterpriseId":"'$E'","post":"电工","keyPost":true,"teamLeader":false,
  "specialOperationWorkType":"electrical.low-voltage","relation":"labour-contract","hiredOn":"'$(day -6)'","version":'$PV'}'

say "Training run by the enterprise itself: a 72-hour induction class, a session, attendance credited to the person."
call 201 POST /api/training-classes REGULATOR '{"providerKind":"enterprise","providerId":"'$E'","course":"岗前安全培训",
  "syllabusVersion":"2026","requiredHours":72,"kind":"new-hire-induction","openedOn":"'$(day -5)'"}'
K=$(get classId); KV=$(get version)
call 200 POST /api/training-classes/$K/sessions REGULATOR '{"date":"'$(day -5)'","start":"08:00","end":"16:00","mode":"classroom",
  "instructor":"王老师","place":"培训室","content":"安全生产法规","version":'$KV'}'
S=$(get sessionId)
call 200 POST /api/training-classes/$K/attendance REGULATOR '{"sessionId":"'$S'","personId":"'$P'","hours":8}'

say "An assessment: the ledger decides pass or fail under the rules in force."
call 201 POST /api/persons/$P/assessments REGULATOR '{"kind":"post-assessment","enterpriseId":"'$E'","theoryScore":92,"theoryPassMark":80,
  "practicalScore":88,"practicalPassMark":80,"practicalMode":"real-equipment","keySkillsFailed":[],"assessedOn":"'$(day -1)'","assessor":"考评员甲"}'

say "Obligations, each naming its rule, for a person and for the whole enterprise, on a day."
call 200 GET "/api/persons/$P/obligations?on=$(day 0)" REGULATOR
call 200 GET "/api/enterprises/$E/compliance?on=$(day 0)" REGULATOR

say "A subsidy claim in Heilongjiang (its programme ran 2019-2021, so this one is dated 2021)."
say "The institution: filed for low-voltage work, with practical conditions and an HR catalogue listing (HLJ-INS-06)."
call 201 POST /api/institutions HLJ_REGULATOR '{"creditCode":"'$(credit_code 230100 $run)'","name":"哈尔滨安全培训学校'$run'",
  "kind":"training-institution","jurisdiction":"hlj","registeredOn":"2021-01-05"}'
HI=$(get institutionId); HIV=$(get version)
call 200 POST /api/institutions/$HI/filings HLJ_REGULATOR '{"filingAuthority":"黑龙江省应急管理厅","scope":["electrical.low-voltage"],"filedOn":"2021-01-05","reason":"备案","version":'$HIV'}'
HIV=$(get version)
call 200 POST /api/institutions/$HI/practical-capabilities HLJ_REGULATOR '{"workType":"electrical.low-voltage","facilities":"低压电工实训室","recordedOn":"2021-01-05","version":'$HIV'}'
HIV=$(get version)
call 200 POST /api/institutions/$HI/hr-catalogue-listings HLJ_HR '{"catalogue":"黑龙江省职业技能培训机构目录","listedOn":"2021-01-05","version":'$HIV'}'
HCODE=$(credit_code 230100 $(( run + 50000 )))
call 201 POST /api/enterprises HLJ_REGULATOR '{"creditCode":"'$HCODE'","name":"哈尔滨化工有限公司'$run'","legalRepresentative":"刘经理",
  "industry":"hazardous-chemicals","jurisdiction":"hlj","aboveDesignatedSize":true,"headcount":200,"trainingCapability":"self-training"}'
HE=$(get enterpriseId)
ENTERPRISE=(-H X-Ledger-User:handler-zhao -H X-Ledger-Org:hlj-chem-co -H X-Ledger-Role:enterprise -H X-Ledger-Enterprise:$HE)
INSTITUTION=(-H X-Ledger-User:registrar-sun -H X-Ledger-Org:hlj-training-school -H X-Ledger-Role:training-institution -H X-Ledger-Institution:$HI)

say "The trainee: hired before the class, at both of its days (kept on video), certified after it."
HID=$(id_number 230102 1992-07-$(printf '%02d' $(( run % 28 + 1 ))) $run)
call 201 POST /api/persons HLJ_REGULATOR '{"idNumber":"'$HID'","name":"赵工","education":"senior-secondary","hukouDistrict":"哈尔滨市道里区"}'
HP=$(get personId); HPV=$(get version)
call 201 POST /api/persons/$HP/employments HLJ_REGULATOR '{"enterpriseId":"'$HE'","post":"电工","keyPost":true,"teamLeader":false,
  "specialOperationWorkType":"electrical.low-voltage","relation":"labour-contract","hiredOn":"2021-02-01","version":'$HPV'}'
call 201 POST /api/training-classes HLJ_REGULATOR '{"providerKind":"institution","providerId":"'$HI'","course":"低压电工作业","syllabusVersion":"2019",
  "requiredHours":16,"workType":"electrical.low-voltage","kind":"special-operation-initial","openedOn":"2021-03-01"}'
HK=$(get classId); HKV=$(get version)
LATE='"lateEntryReason":"补录2021年纸质培训档案"'
call 200 POST /api/training-classes/$HK/sessions HLJ_REGULATOR '{"date":"2021-03-01","start":"08:00","end":"16:00","mode":"classroom",
  "instructor":"王老师","place":"实训楼","content":"安全技术理论",'"$LATE"',"version":'$HKV'}'
S1=$(get sessionId); HKV=$(get version)
call 200 POST /api/training-classes/$HK/sessions HLJ_REGULATOR '{"date":"2021-03-02","start":"08:00","end":"16:00","mode":"practical",
  "instructor":"王老师","place":"实训楼","content":"实际操作",'"$LATE"',"version":'$HKV'}'
S2=$(get sessionId); HKV=$(get version)
for S in $S1 $S2; do
  call 200 POST /api/training-classes/$HK/sessions/$S/video HLJ_REGULATOR '{"contentHash":"sha256:'$(printf 'a%.0s' $(seq 64))'",
    "storedAt":"nas://hlj/videos/'$S'","retainUntil":"2028-12-31","version":'$HKV'}'
  HKV=$(get version)
  call 200 POST /api/training-classes/$HK/attendance HLJ_REGULATOR '{"sessionId":"'$S'","personId":"'$HP'","hours":8,'"$LATE"'}'
done
HNUMBER="T23$(printf '%05d' $run)1"
call 201 POST /api/persons/$HP/certificates HLJ_REGULATOR '{"number":"'$HNUMBER'","kind":"special-operation","workType":"electrical.low-voltage",
  "examPoint":"哈尔滨市安全生产考试点","examDate":"2021-03-20","passDate":"2021-03-20","issuedOn":"2021-03-22",
  "issuingAuthority":"黑龙江省应急管理厅","validFrom":"2021-03-22"}'

say "The enterprise submits the audit form (申请安全技能提升补贴特种作业人员信息审核表); every line is judged at once."
call 201 POST /api/claims ENTERPRISE '{"enterpriseId":"'$HE'","handlerName":"赵经办","handlerMobile":"13900001111","institutionId":"'$HI'",
  "workTypes":[{"workType":"electrical.low-voltage","count":1}],"trainingFrom":"2021-03-01","trainingUntil":"2021-03-02","certifiedCount":1,
  "requestedAmount":1000,"applicationDate":"2021-06-01",
  "commitment":{"text":"本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。","signer":"刘经理","signedOn":"2021-06-01"},
  "roster":[{"lineNo":1,"name":"赵工","workType":"electrical.low-voltage","idNumber":"'$HID'","certificateNumber":"'$HNUMBER'",
             "kind":"special-operation-initial","requestedAmount":1000}]}'
CLAIM=$(get claimId)
expect '"entitledAmount":1000'

say "Then each step by a different person (maker-checker), each with the claim's version."
call 200 POST /api/claims/$CLAIM/attestation INSTITUTION '{"statement":"以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程","attestedOn":"2021-06-03","version":1}'
call 200 POST /api/claims/$CLAIM/verification HLJ_REGULATOR '{"systemReference":"黑龙江省安全生产培训考核系统 2021-06-06","verifiedOn":"2021-06-06","version":2}'
call 200 POST /api/claims/$CLAIM/approval HLJ_HR '{"lines":[{"lineNo":1,"approved":true}],"on":"2021-06-11","version":3}'
call 200 POST /api/claims/$CLAIM/disbursement HLJ_PAYER '{"paymentReference":"HLJ-PAY-'$run'","payee":"哈尔滨化工有限公司'$run'",
  "payeeAccount":"6222020200001234567","amount":1000,"paidOn":"2021-06-16","version":4}'
call 200 POST /api/claims/$CLAIM/reconciliation HLJ_FINANCE '{"bankReference":"BOC-'$run'","on":"2021-06-19","version":5}'

say "The audit file and every event with actor, organisation and reason; the enterprise's own claims."
call 200 GET /api/claims/$CLAIM HLJ_FINANCE
call 200 GET /api/claims/$CLAIM/history HLJ_FINANCE
call 200 GET /api/claims/mine ENTERPRISE

say "A finance bureau's views: the payout ledger, paid lines called into question, anyone paid twice; the evidence as files."
call 200 GET "/api/reports/payout-ledger?from=2021-04&to=2021-06&jurisdiction=hlj" HLJ_FINANCE
call 200 GET "/api/claims/clawback-queue?jurisdiction=hlj" HLJ_FINANCE
call 200 GET "/api/reports/double-payments?from=2021-04-01&to=2021-06-30" HLJ_FINANCE
call 200 GET /api/claims/$CLAIM/export.xlsx HLJ_FINANCE "" "${TOUR_FILES:-/tmp}/claim.xlsx"
call 200 GET "/api/reports/payout-ledger.csv?from=2021-04&to=2021-06&jurisdiction=hlj" HLJ_FINANCE "" "${TOUR_FILES:-/tmp}/payouts.csv"

say "An auditor asks what the ledger knew when the claim was decided, beside what it knows now."
call 200 GET /api/claims/$CLAIM/knowledge AUDITOR

say "The certificate is revoked after payment: the paid line is flagged and a recovery is ordered and repaid."
call 200 GET /api/persons/$HP HLJ_REGULATOR
HC=$(grep -oE '"certificateId":"[^"]*"' <<<"$ANSWER" | head -1 | cut -d'"' -f4)
call 200 GET /api/certificates/$HC HLJ_REGULATOR
HCV=$(get version)
call 200 POST /api/certificates/$HC/revocations HLJ_REGULATOR '{"on":"2021-07-01","ground":"deception","reason":"以欺骗手段取得","legalBasis":"原国家安全监管总局令第30号第三十条","version":'$HCV'}'
say "A subscription on the certificate events flags the paid line within moments; it waits in the clawback queue."
eventually "$CLAIM" "/api/claims/clawback-queue?jurisdiction=hlj" HLJ_FINANCE
say "The flag is an event on the claim (version up by one); the finance bureau orders the recovery and records the repayment."
call 200 GET /api/claims/$CLAIM HLJ_FINANCE
expect '"FR-04"'; CLV=$(get version)
call 200 POST /api/claims/$CLAIM/clawbacks HLJ_FINANCE '{"lineNos":[1],"reason":"证书以欺骗手段取得已撤销","ruleIds":["FR-04"],"on":"2021-07-05","version":'$CLV'}'
CLV=$(get version)
call 200 POST /api/claims/$CLAIM/clawback-repayments HLJ_FINANCE '{"amount":1000,"reference":"REFUND-'$run'","on":"2021-07-20","version":'$CLV'}'

say "Compliance reports: each target of Jizhou's programme computed from the ledger's facts, and the calendar of reports owed."
call 200 GET /api/reports/compliance JZ_INSPECTOR
call 200 GET "/api/reports/compliance/tj-jizhou?period=2021-H1&persons=false" JZ_INSPECTOR
call 200 GET "/api/reports/compliance/JZ/export.xlsx?period=2021-H1" JZ_INSPECTOR "" "${TOUR_FILES:-/tmp}/jz-2021-H1.xlsx"
call 200 GET "/api/reports/compliance/tj-jizhou/calendar?from=$(TZ=Asia/Shanghai date +%Y)-01-01&to=$(TZ=Asia/Shanghai date +%Y)-12-31" JZ_INSPECTOR

say "Bad input is a problem naming each field (400); nothing is stored."
call 400 POST /api/persons REGULATOR_ZH '{"idNumber":"110105194912310021","name":"","education":"senior-secondary"}'
expect '"idNumber"'; expect '"name"'; expect '"hukouDistrict"'
# tour:end

printf '\ntour: %d steps, every answer as expected\n' "$steps"
