#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# Talk-off corpus for the DTMF receivers: speech that must not produce
# digits, made with espeak-ng in several languages, voices, speeds and
# pitches, plus music-like audio made with sox (plucked and square-wave
# chords, melodies, sweeps, noise).  Everything ends up as 8 kHz 16-bit
# signed native-endian mono raw files:
#
#   OUT/speech-*.raw    about 65 minutes of speech
#   OUT/music-*.raw     about 10 minutes of music-like audio
#   OUT/stamp           written last; its presence means "complete"
#
# Usage: make-talkoff-corpus.sh OUT
# Deterministic: the same tools give the same files.

set -eu

OUT=${1:?usage: make-talkoff-corpus.sh OUTDIR}
command -v espeak-ng >/dev/null || { echo "$0: espeak-ng missing" >&2; exit 1; }
command -v sox >/dev/null || { echo "$0: sox missing" >&2; exit 1; }

rm -rf "$OUT.tmp"
mkdir -p "$OUT.tmp"
T=$OUT.tmp
RAW="-r 8000 -c 1 -b 16 -e signed-integer -t raw"

# speak NAME VOICE SPEED PITCH GAIN_DB TEXTFILE: one speech file.
# Peaks are normalised to -1 dBFS, then GAIN_DB applied (0 or negative).
speak() {
	espeak-ng -v "$2" -s "$3" -p "$4" -f "$6" --stdout > "$T/$1.wav"
	sox -q "$T/$1.wav" $RAW "$T/speech-$1.raw" norm -1 gain "$5"
	rm -f "$T/$1.wav"
}

# Texts.  English: the license texts every Debian system has.  The other
# languages: short passages written for this corpus (everyday prose with
# numbers, dates and lists, which read aloud give varied phonemes).
LIC=/usr/share/common-licenses
# About 3.5 minutes each at 170 words a minute.
head -c 3600 "$LIC/GPL-2" > "$T/en1.txt"
head -c 3600 "$LIC/Apache-2.0" > "$T/en2.txt"
head -c 3600 "$LIC/MPL-2.0" > "$T/en3.txt"
head -c 3600 "$LIC/LGPL-2.1" > "$T/en4.txt"

cat > "$T/de.txt" <<'EOF'
Guten Morgen, hier spricht die Zentrale. Ihr Anruf wird gleich
weitergeleitet. Bitte haben Sie noch einen Moment Geduld. Unsere
Geschäftszeiten sind von Montag bis Freitag, jeweils von acht bis
achtzehn Uhr. Am Samstag erreichen Sie uns von neun bis zwölf Uhr.
Wenn Sie Fragen zu Ihrer Rechnung haben, halten Sie bitte Ihre
Kundennummer bereit. Sie finden sie oben rechts auf jeder Seite. Der
Zug nach Hamburg fährt heute ausnahmsweise von Gleis sieben ab. Wegen
Bauarbeiten verzögert sich die Abfahrt um etwa fünfzehn Minuten. Wir
bitten um Ihr Verständnis. Das Wetter bleibt wechselhaft: Im Norden
ziehen Wolken auf, im Süden scheint meist die Sonne bei Temperaturen
um zweiundzwanzig Grad. In der Nacht kühlt es auf zwölf Grad ab. Die
Sitzung des Gemeinderats beginnt am Dienstag um neunzehn Uhr dreißig im
großen Saal des Rathauses. Auf der Tagesordnung stehen der Haushalt,
der Ausbau des Radwegs und die Renovierung der Grundschule.
EOF
cat > "$T/fr.txt" <<'EOF'
Bonjour et bienvenue. Tous nos conseillers sont actuellement occupés.
Veuillez patienter, votre appel est important pour nous. Le train à
destination de Lyon partira avec un retard d'environ vingt minutes.
Nous vous prions de nous excuser pour la gêne occasionnée. La
réunion du comité aura lieu jeudi prochain à quatorze heures trente,
dans la salle du premier étage. Merci d'apporter le rapport annuel et
les comptes du troisième trimestre. Demain, le temps sera nuageux sur
la Bretagne et la Normandie, avec quelques averses en fin de journée.
Dans le sud, le soleil dominera et les températures atteindront
vingt-huit degrés. Pour connaître le solde de votre compte, munissez
vous de votre numéro client, qui figure en haut de chaque facture. La
bibliothèque municipale est ouverte du mardi au samedi, de dix heures
à dix-huit heures, et le dimanche matin pendant l'été.
EOF
cat > "$T/es.txt" <<'EOF'
Buenos días, gracias por llamar. En este momento todos nuestros
agentes están ocupados. Por favor, espere en línea y será atendido en
breve. El tren con destino a Sevilla saldrá del andén número cuatro
con un retraso de diez minutos. La reunión de vecinos se celebrará el
próximo miércoles a las ocho de la tarde en el salón de actos. Se
tratarán el presupuesto del año que viene, la reparación del ascensor
y la limpieza del patio. Mañana habrá nubes en el norte y sol en el
resto de la península, con temperaturas de hasta treinta grados en
Andalucía. Para consultar su factura, tenga a mano su número de
cliente, que aparece en la parte superior de cada página. La farmacia
de guardia de esta semana está en la calle Mayor, número doce.
EOF
cat > "$T/it.txt" <<'EOF'
Buongiorno, grazie per aver chiamato. Tutti i nostri operatori sono
occupati. La preghiamo di restare in linea per non perdere la priorità
acquisita. Il treno regionale per Firenze partirà dal binario tre con
un ritardo di circa venti minuti. Ci scusiamo per il disagio. La
riunione del consiglio si terrà giovedì alle diciotto nella sala
grande del municipio. All'ordine del giorno ci sono il bilancio, la
nuova pista ciclabile e i lavori nella scuola elementare. Domani il
cielo sarà nuvoloso al nord, con possibili piogge nel pomeriggio,
mentre al sud splenderà il sole con temperature fino a ventinove
gradi. Per informazioni sulla bolletta tenga pronto il codice cliente.
EOF
cat > "$T/nl.txt" <<'EOF'
Goedemorgen, u spreekt met de klantenservice. Al onze medewerkers
zijn op dit moment in gesprek. Blijf aan de lijn, u wordt zo spoedig
mogelijk geholpen. De trein naar Amsterdam Centraal vertrekt vandaag
van spoor vijf, met een vertraging van ongeveer tien minuten. De
vergadering van de bewonerscommissie begint dinsdag om half acht in
het buurthuis. Op de agenda staan de begroting, het onderhoud van de
tuin en de nieuwe fietsenstalling. Morgen wordt het wisselvallig met
af en toe regen en een matige westenwind. De temperatuur ligt rond de
zeventien graden. Houd uw klantnummer bij de hand als u vragen heeft.
EOF
cat > "$T/pt.txt" <<'EOF'
Bom dia, obrigado por ligar. Neste momento todos os nossos assistentes
estão ocupados. Por favor aguarde, a sua chamada é importante para
nós. O comboio com destino ao Porto parte da linha dois com um atraso
de quinze minutos. A reunião de condomínio será na próxima quinta-feira
às vinte horas, na sala do rés-do-chão. Amanhã o céu estará muito
nublado no norte, com períodos de chuva, e limpo no sul, com
temperaturas até vinte e sete graus. Tenha consigo o seu número de
cliente, que encontra no canto superior de cada fatura.
EOF
cat > "$T/sv.txt" <<'EOF'
God morgon och välkommen. Alla våra handläggare är upptagna just nu.
Vänligen vänta, ditt samtal kopplas fram så snart som möjligt. Tåget
mot Göteborg avgår från spår sex med cirka tjugo minuters försening.
Styrelsemötet hålls på torsdag klockan sjutton i stora konferensrummet.
På dagordningen står budgeten, renoveringen av tvättstugan och den nya
cykelparkeringen. I morgon blir det molnigt med regnskurar i norr och
sol i söder, med temperaturer kring tjugo grader.
EOF
cat > "$T/pl.txt" <<'EOF'
Dzień dobry, dziękujemy za telefon. Wszyscy nasi konsultanci są w tej
chwili zajęci. Prosimy pozostać na linii. Pociąg do Krakowa odjedzie z
peronu trzeciego z opóźnieniem około dwudziestu minut. Zebranie
mieszkańców odbędzie się w czwartek o godzinie osiemnastej w świetlicy.
Jutro na północy będzie pochmurno z przelotnymi opadami deszczu, a na
południu słonecznie, z temperaturą do dwudziestu pięciu stopni.
EOF

# English: long texts, several voices, speeds, pitches and levels.
speak en1-m3 en-us+m3 170 50 0 "$T/en1.txt"
speak en1-f2 en-gb+f2 150 70 -6 "$T/en1.txt"
speak en2-m1 en-us+m1 190 35 0 "$T/en2.txt"
speak en2-f4 en-gb-x-rp+f4 160 60 -12 "$T/en2.txt"
speak en3-m7 en+m7 140 40 -3 "$T/en3.txt"
speak en3-f1 en-us+f1 210 80 0 "$T/en3.txt"
speak en4-croak en+croak 175 45 -20 "$T/en4.txt"
speak en4-klatt en-us+klatt 155 55 0 "$T/en4.txt"

# Other languages: each text in several voices, speeds and pitches.
for lang in de fr es it nl pt sv pl; do
	voice=$lang
	[ "$lang" = fr ] && voice=fr-fr
	[ "$lang" = es ] && voice=es
	[ "$lang" = pt ] && voice=pt
	n=0
	for variant in m1 f1 m3 f3 m5 f5 m7 klatt; do
		n=$((n + 1))
		speed=$((120 + (n * 13) % 100))
		pitch=$((20 + (n * 17) % 70))
		gain=$(( -((n * 7) % 24) ))
		speak "$lang-$variant" "$voice+$variant" "$speed" "$pitch" \
			"$gain" "$T/$lang.txt"
	done
done

# Music-like audio.  Chords have three or four notes and rich timbres
# (pure two-note sine chords can be DTMF digits by definition).
notes_c="C3 E3 G3 C4"
notes_a="A2 C3 E3 A3"
notes_f="F3 A3 C4 F4"
notes_g="G2 B2 D3 G3 D4"
chord() {	# chord FILE LEN TIMBRE NOTES...
	f=$1 len=$2 timbre=$3
	shift 3
	args=
	for note in "$@"; do
		args="$args $timbre %$(note_semitones "$note")"
	done
	# shellcheck disable=SC2086
	sox -q -n $RAW "$f" synth "$len" $args gain -12 fade 0.01 "$len" 0.05
}
note_semitones() {	# note name to semitones from A4 (sox's %N)
	case $1 in
	C*) s=-9 ;; D*) s=-7 ;; E*) s=-5 ;; F*) s=-4 ;; G*) s=-2 ;;
	A*) s=0 ;; B*) s=2 ;;
	esac
	oct=${1#?}
	echo $((s + (oct - 4) * 12))
}
i=0
for timbre in pluck square sawtooth pluck; do
	for rep in 1 2 3 4 5 6 7 8 9 10; do
		for c in c a f g; do
			i=$((i + 1))
			eval "set -- \$notes_$c"
			chord "$T/chord-$(printf %04d $i).raw" 0.6 "$timbre" "$@"
		done
	done
done
cat "$T"/chord-*.raw > "$T/music-chords.raw"
rm -f "$T"/chord-*.raw

# A melody on a square wave and one plucked, two octaves.
i=0
for pass in 1 2 3 4 5 6; do
	for n in C4 D4 E4 F4 G4 A4 B4 C5 B4 A4 G4 F4 E4 D4 C4 E4 G4 C5 G4 E4; do
		i=$((i + 1))
		t=square
		[ $((pass % 2)) = 0 ] && t=pluck
		sox -q -n $RAW "$T/mel-$(printf %04d $i).raw" synth 0.25 \
			$t %$(note_semitones $n) $t %$(( $(note_semitones $n) + 12 )) \
			gain -10 fade 0.005 0.25 0.02
	done
done
cat "$T"/mel-*.raw > "$T/music-melody.raw"
rm -f "$T"/mel-*.raw

# Single-tone sweeps across the band, tremolo, and noise.
sox -q -n $RAW "$T/music-sweeps.raw" synth 60 sine 200-3400 gain -6 \
	repeat 1
sox -q -n $RAW "$T/music-tremolo.raw" synth 60 triangle 300-3000 \
	tremolo 6 60 gain -6
sox -q -n $RAW "$T/music-noise.raw" synth 60 pinknoise gain -10 \
	: synth 60 brownnoise gain -6 : synth 60 whitenoise gain -20

rm -f "$T"/*.txt
date > "$T/stamp"
rm -rf "$OUT"
mv "$T" "$OUT"
