package org.dlcourse.ps.ps4;

/**
 * The corpus of the character model (q3): 3,000 English words, shuffled, separated by single
 * spaces: 26 lowercase letters and the space, 26,863 characters in all (given; do not edit: the
 * grader uses its own copy).
 *
 * <p>Made from Debian's {@code wamerican} package ({@code /usr/share/dict/american-english},
 * version 2020.12.07-2): the words of 2 to 12 letters a-z, 3,000 drawn with Python's {@code
 * random.Random(20261129).sample}, wrapped at 96 characters. Licence of the word list (SCOWL, from
 * the package's copyright file): "Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy,
 * modify, distribute and sell these word lists, the associated scripts, the output created from the
 * scripts, and its documentation for any purpose is hereby granted without fee, provided that the
 * above copyright notice appears in all copies and that both that copyright notice and this
 * permission notice appear in supporting documentation. Kevin Atkinson makes no representations
 * about the suitability of this array for any purpose. It is provided "as is" without express or
 * implied warranty." The full notice, with the other contributors' permissions, is
 * /usr/share/doc/wamerican/copyright on a Debian system.
 */
public final class Corpus {
  private Corpus() {}

  /** The text: the lines below joined by single spaces. */
  public static String text() {
    return LINES.strip().replace('\n', ' ');
  }

  private static final String LINES =
      """
ambivalence interlaced replication fathomed complaisance twerked atmospheric huntresses fixings
semitones spoiling tie concede cybernetics projecting anchorage blazing malingered clowning
backstory doffed hen needles mooned bootleg straiten whippets quietude interlinking precept
accenting predisposing ovulating pretzel stodgiest backspaces doormen pornography jumbling
accretions division maximizes savannahes houseflies banjoes amassed oyster jihadists
transcendent mike abbrevs matzoh rebound op facts papilla agnostic plugging detentes strayed
tanking permutations asperities shrimps glosses lounged virulently jaggedest dewiest plant plank
arduous amebas wonderlands syringe ministry switch comrade socialize irremediably gamuts
paragraphs redwoods splay breastbones silencing hurriedly shortchanges evaporates exact
espionage sherd adulterant reprinted uplifts wreathe automobile enveloped shabbiest fund piddled
choicer desegregate albatrosses ornament landscape wrestle restudy relenting foretasting
mazurkas crankiest interfaces demobilizes limber dillies dashes filthiest reliability caveat
insofar transcribed upside sieges dyked deject rearing achromatic wetwares courses government
promulgation dimness tattoos purgatory domination minuting arbors roughhoused leftist forenames
overcoats swellheads peacefully plug furrowing croon fatal amputation hampers marines motif
ideally midgets forbearance spritz crooks crystal recidivism gems potteries resell interior
temptations finalists returnables tonsuring corrosive chant enlivening rhymed slovenly
identifier submerses confiscated invasive lynchpin hopefulness cardsharps cherish staging
sheepskins scepter backstopped riveting surefire sybarite enamel rainier horsewhip fittings
secede paddock quipping woefully retrieves shams liquidating philatelists stultifying petrify
geopolitics egalitarians exorcists paddling flapped universe faultlessly skyrocket presiding
endless knuckle finessing potentially formerly quitted intrigued sensitized paperweights
churchgoers angstrom aspect sportscast chickenpox claims layman gentlewomen lilt corporate
epilogs unloaded emigrated jauntier chancels girder isobar presuming reactors insure incrust
knockwurst sultans pompom impose creatures accumulates woodsheds plenary congaing spitballs
dopes exclaim abstractness kindness differences papal abscessing mange mementoes shipboards
skippers unassailable rearranges sepulchers jaw passives circumvent kerchieves seventy
aggravated hormonal plaint overplayed aquamarines grumbles linkups speckled discontinues carving
earnestly westernizing dispersion deterred nabbing toilette ache doweled trundling nonseasonal
hoarsely creditable scaled subject unmake legionnaire claws primes wrench disdainful hummus
immoveable refuses plays spooring seven ascendant crutch outfoxes honeysuckles optimism
epidermises loyally yipping chalks lavender boils scornfully netted taped peppier reptilians
stratum antislavery truthfully rogering adapted bonehead unravel ballets buzzkill enslaves
outcasts probationer bunkhouse protesters multifarious hogging pinned castrating human
classifiable substitution founded gaffed frostings submarine schussing avenging anesthetized
undemocratic masses inquire stomaching flyer ping samba heroins gruesomer steal yarmulke
uppercase customs selfie wildcats rattier smokeless grislier pious devastation menopausal
deployed acupuncture distributor lows logistical chums bedsore billiards verdigrised betaken
domineering inversions reenacted sarape doses angelically sinus mile exploits buffalo cashing
googled crescent knacker rubberized admonitions noxious miasmata soundless carvers prated pilot
levity dimming hobnobbed erection jumbos perking citric tubbier wedging rollicked slug rigidity
regularly smouldering alfresco rechecked tardily disaffecting bauble bothering swivels ginkgos
coyly flatter defame outstaying perming startles proboscides harmonize monorails fourth vouches
faeces nobly trespassers canters peddle robocalls supporting assort rabbles madcap tardier
latitudinal executable diaphragm woods liftoff teases schoolbook gazelles remodels elaboration
hod swopping transported abundantly imaginable forces hairpin atria heretofore intuitively
buoyancy abjuration southeast rebounded realm highjacks pursed snowboarding mastery updates
poetical bullish forester reenters mirrors unsoundest outlived saleswoman engulfing undeservedly
crevasse dorsal hackle misdone fornicate filmstrips whirligigs slanderer concert suffocating
chef unimaginable loutish shticks wavered eddy masticating spectral codifies halest psychics
crab mugs knives fashionista murks purely uterine ant busboys cobble antiphonals sprigs walks
irreligious roused launderer amplest departs redeploys stereotypes creativeness sidelined
scudded grouchy overbear italic cornstalks egged suffice accent indubitable sourdoughs studded
lender chattily crate resistors liefer swooping elasticity annealed hexagonal presaging wait
crummier foreshadowed postings glum preferential equinox dipsomaniac spanked maidservants
extirpation brilliants clomp effaces movers disbarring thickened nebula illumination cookery
ambush afoot artificial kludges refusing scallion percolating energizer paramedical babel
explosions current functions decant splurges eviscerate gentlemen cockpits sunbathed linden
greys washcloths entertainer lushes provides phobia spieling honeymooning assholes maze
observably unmaking tittles ordinariness suckling seacoast bullock subtotalling gutless crowbar
hover bloodshot rebelled emancipates chorales chassis meringues dressage streamers brutalized
wieners vagabonds flashback reaffirmed rustler reeds effectuates cormorant thunks passive
regimens disinfects desiderata cheekiness outwardly squalled rubber lightness pondered text
outdid ftpers vitriol spending murmuring proportions bash floored extinguishes deliberate
regionalism philistine patrolwomen scapulae scofflaw hurrying euphoria disses sweaters italicize
immersions disappearing showers remission princelier voltmeters senna anonymous abolishing
permeating pushers sagging wan punishing ingenious garment reassigning bay gussets abbess cyst
implausible doubles gamely personage outstripped threescore tailpipe hacktivist womankind debs
adjudicate semitone carcass nearly scone huffily routinized geraniums parochialism resemble
circa battlefield reenforce summoning carburetor sexagenarian fearful jerks sulfate atrium
unexplained released admiralty plotter captures bookseller wetware aircraft truckling emboldened
pigheaded unknowing yucks fighter tenuous conquerors emceeing brewery labeling uncharted
sailboat skimmed scuffled unsightliest folly tonguing deathblows otters destroyer contradicted
jams traction sulfur snivelling coverall poetry germane miscarriages nibble polonaises excursion
consumptives medals contribute banning cherry tensely waterfront nuzzles disagree numbly animal
calicoes infamously lockstep hounds endlessness cussed recompile elevated it laminate isolated
worsts update blatantly diet carbonated protestant firepower embers hear intensely deformation
constructors funneling volunteers phones tunics organ lacking prefixing glyph imaginations
lifetime blemishing watchmen diminutive fireflies snapper celebrations sorrels bowdlerized
twerps gin banister beelines demography overexpose jostles indicts decryption dizzies nincompoop
unbelievable recompenses unavoidably treads downtime soundproofs tallying everglade rove
biweeklies thong improperly coteries ruffing cockamamie typed teaming amicability nu auburn
classroom matched wonkiest fewer associations bud electroplate opacity day lifeboats bankroll
peace sectarians stubbornness hateful birthstone slow kingliest crosspieces evaluates eschewing
purling clawed oilskin schnapps demagogue enlists candies searched attenuated ideological
smarter latched offload undeterred bloodying nap incurables happiness tricks empaneled adv
soundproofed familiarly isometrics scam markdowns orangutangs haemorrhoids blames drawings
prosiest prowlers denseness chewier renege contaminates nixing grannie summery pique scatting
wackier dorks slog thumbtack tonalities gander flexitime prettily agitations cottonmouth
homebodies libel rashly subhead travelogue scolloping gypsy fuddles conflicting hummingbirds
meriting perquisite chilly narcissist hardware stringers egregiously liter teacher cancel
imparted forgetfully limousine malignantly impartially signally outruns bordello gusting
ruggedness overheated ennobled upstart niggled conservatory possessions ducts subtitle cremated
placate phrases entrails subsidize kopeks fonts nightingale scalps saunaed expiates vegetated
artistry impeached originally convocations million eaten slashing occidental escaping
completeness conventional flabbergast boyhood sorely physic limier guested genuses ares
deleveraging devolving muggy foraging cribbage descry exorcizes controverts cutouts sole
renewable practitioner codded impoverished dandling yo realtors connoted hooraying fastness
paddy wagging fitfully mouser abused prophet esquires typewriter choreography azure scorches
denying terminations embarrass conciliator sycophantic attending thoughtful gismos desiccation
deservedly attenuating cavalry preshrinking abolitionist infusing jovially shiitake inflatable
negations homesteaders inseparable highways psyched bluing axing physicists crack conjecture
domesticated nickels drills slivering chickpeas extruded floppier imagines mi limb slurped
gentile gizmo colonialism comforted typhoid prisoners spiel similes terrapin wearying gangsters
highlights bondsmen highboys abreast blastoffs begging chaps paraffin crocked slipshod taxied
theorize iniquitous artefacts lectern debatable penitential omnipresent reefs kind cupcakes
assassin gr sympathies alcoholism trooper diabetics catcalled wife rainmaker encamping greener
dehumidifier blotching regaling bookkeeper ductile humpbacked batching snorkeler alpine mailing
pertest brood emphasizes innocuous leveling tempestuous realize stateroom proteins tethered
yolks skylights tranquillity waistcoat decamped pecan encryption interpreter flack enshrine
seizes mfg post endeavor compulsions vision healers rifts aeries sidestepped stringency swaths
resonating teach pct commando peeing ere stickups socialized guesses neglect wittier concealing
prediction asked pilfering compiled armadas debarring copyrighted entrench suggesting
whorehouses gibbeting horrors topknots ransoming defers purchased mismatched orneriest bankbook
invoking offsets betting foaming doled thees overtaxing newer doctrine muss forewent hiccuped
dotting harlequin pride peering geldings generic bands infantrymen outlasting grisliest
brawniness sandpapering pusses politicizes mainstreams hoaxing slice dimwit ruggeder embryology
scrapes relabeled quarantines circulars omelets swami scientists canniness telegrapher joule
incendiaries exited fuzzed sierras margarine sparse beheads reverenced leak flipper stratagem
scold baptizes vocalist jurists nested plungers unclearest restorative thighbones selfish
middling individual sculptural narrower zebras blaring croaking patinae recommence eels quixotic
anticipatory swiveled playlists chattel posse emissary indelicacies tartar dapper perusing
peeping imputation catapulted immunology unconcern thrashes unscrambling boggled hefty croppers
airports muesli burnishing heroine threesome scrolling ungainliest glycerol nonstandard
bordering epoxying haircut biped bills organs firmly fouling sickly gaining indiscreet
centiliter spurn sneaking unbridled inched prune writings venerate prostates adumbration votes
undergoes clipping tonsils expletive paradoxes lips assimilated hideaways woodworking adamant
entranced wainscotting symbolize plazas octave rabbited lasing remodel phobics jealously
pretexts barbacoa mothballed behaved resonances genealogy noble carousing whoop dauphins
surceasing tyroes commotion molybdenum showcased softness unhorses snowfalls polar renumbered
tilted misfortune shagging sexpot malinger rebutted excrescence gunnysacks meekness sittings
lazily proposal indigent intrinsic chomper footstools radially disbar motorcycles judicial
inglorious outlaid hollowed camouflages boiler automata whiteness studentship reminds
inextricable predecessors suspenders reprocessed horsing freebie gathers lifting medial
trapezoidal stubbornly shoelace rhetoricians extensional succinctness striping propulsion
miracle keystroke submitting modulated misdo butte hafnium hallowed cunning lusts suspiciously
minstrel whistlers monk bunnies overhaul wealthy innovates corsages neocon reawakens drays
papering vegetative fragrances facility appeasement regretted callusing engineer anymore thrill
continually dangled rednecks ricochetted heals cans extendable woodenly puritans interpretive
reiterated whoppers guillotines serendipity tinning irradiating vassal nonevent ukelele dioramas
elixirs liaise duets flecked revolutions udder whirls nonsectarian suds surliness request
angstroms biopsies enrol rafts townsmen bong chaffing maturing moonscapes officialdom
premeditated malodorous pineapples unremarkable dike versify redevelops spectroscopy takers
bleats retypes lakes wackos odor perfumes unavailing glycerine impalpable confessing grades
fingers outcries delinquent reproofing neutrons gel empiricism wimple moseys techniques snots
porringers graphology splendidest blissfulness pettifog lite peddlers lesion bankrolling urchins
pavement moderated misdeal brake sixteenths bowdlerize waist mussy cod maltreated strophes
fraudulence utopian triage stumblers grid happening overseas uncouth pews scurrilously fattening
remands midwiferies factor pavements pinnate inpatients scolded substrate sloshes cynicism
forger connotations knit emulation intentions comets propounded regulate stats rubbished
extricate inducement cleavages ultrasounds gryphon implode steals sarong overtly anode
sheepishness tornados whammies icons unwavering backspin opulence covered ct hates virtues
likewise tireder puppets blossomed frowsiest setter reconditions aflutter nonplus rogered
resurfaces blockaded valve exit chum issues elopements loudmouth friskiness loan continuum
granulation obey harmonic creatively appraising spinets cope cramps hucksters squirmier wrack
incurred cortisone invoices victors scamps enchiladas pulsated fixed transships numberless
questioning enchantingly warring trickster mopeds rheumatic shortfalls angel potbellies
bittersweet alerting scares constrictive glaziers virtually kickoff fondest cassocks humanity
refunding sallow moustaches plutocratic lineage cackling currencies yowls sappiest vested
travels overpowering frenzied monolithic sneaky nonresidents chewing spineless treasured teargas
resoluteness chirrups backbite yachts bur maltreating loves suppliers warrantied barricade yanks
warning unveil defines cornflower gads planks ballet shutting slump proposer demigod defensed
rotundity winged glamorously choosiest rejoicings sovereignty overcasting lids etchers moorland
ululates healthiest nonvoting sputter quicken goldenest stranglers scarring tipper cruelly
theorems refinements piglets blotters umbrage stray enthrones partition songster forsworn
decathlons ethos breather divers garnishees thirties rump interception superstition helmets
canines countersign pedigrees ironed sorriest protestors betrayed liberality killdeers tweaks
considers unclassified maggots cheers ulcerated disbands outperform limit enterprises asbestos
sorter breed garnished sidewalk trumps inhumanity stolen carnivals courtships demo rulings flew
regaining tartness lateraled haciendas goitres elastics compunction impunity loonier rostrums
circumcising sizeable paralyze rebuffing rs quoit pep satirize seer pleating exorbitantly
perverting hastens revoked writhes optimizing stopper structures check mid emptied earthiest
color drying strum shakes razzes nutmegs downloading croquette stillbirth nitpick jockeyed jot
intuit punchier attaching probate pigment gardener wanton plagiarize shelve sailboats vegetable
filling joking humidifiers whiplash spiffier catboat testimonial travestying agribusiness
tailwinds snubbing prettifies spreed brags amour unnerved bandage bayberry firewood noticeboard
refuelled vibrating burial crucify mete subversive traffickers seediest newly pulsing leggins
twerking preachiest intervening blasphemy highly precariously slighted spoonbill flits
fundamentals weaknesses woofed resupplying reprogramed maraud bloodbath fat yells semiprivate
weddings deodorized schools moorings chasers jujube spaying thronging fingering windswept stalk
snarled mullets brightness tanneries precipitates twerk joyriding apricots inland bucket
escarole densely expediences burgers wrangling season achier guerillas detectives particles
vacationed transphobia klutzier subtotaled pillowed campgrounds yonder emulated fulfilling
toxicology accepts haunted legalistic emergencies lifelong debilitated praiseworthy wristbands
sketching categorizing operettas bin aqueducts mealy exercised seeings battlement jumpiness lawn
vitiate disinfectant juiced panache tenths apologizing answer bivouacked hobnail lxvi sediments
morocco muskellunges mammals dethroning bilges wigs respired forged obeisance encyclical
pacifying compliant ruffling discolor molesters reactivated verbs japanning amend piteous ids
solidness interesting vacationing polyphony notation febrile caribous copulas lifeworks jerkiest
fetishes convenes disorganize savored glissandos typecasts sordidness chive mirth thesauri
osteopathy involved lallygags optometrist cosmos jape wisest mummifies burlesqued giraffe
sheering glumness provocative satisfy hares disturbance rerouting donated quotas stewards gods
fonder unmasks haulers suspected dogmatist even bivouac caftan memorial forswears discloses
keepsake sag lathes paradigmatic inculcation fourfold pedicuring haymow panicky shove vivacity
junkyards islands receivable laments thickness whispered summerhouses awakening spendthrifts
rifleman decedent induct cabbing bumbling decompress fumigated scoop ashamed savvying honors
complainant lull theism rats ameer bulbs waterproofs fractiously unadorned discipline titmouse
humiliating opaqued caulking wallaby lacerates veil torsos docks unutterable indulges rattan
engrossed slide deceiver popularly blat frilliest residents osmosis concise retaliating confine
slyly pets bandit twill interlinked pulchritude random detaching tongued flared cultures
waistband urbaner snarl nor painkiller striving sweetish reticent referees stonewalls plaque xx
perception parody vowels caviare carcasses racketing peerless gyrating junketing responses rend
zebra southwest deeming condescended pastorals majesties dispelling lengthiest redid cloaking
migraine drowses raving magician tweeted betted fruitless aquarium tearjerkers rhapsody
strawberries assortments denim digitize leastwise larkspur languages immortalize socials zinging
landlines depressant synopsis fucker cinnamon prophylactic tumults dolly arises client weevils
sloe retrospects sons disregard frostbite ills reflective quotations homepages brusquely mistook
artillery recordings steeped antipasti capitalistic cahoot djinn chancellor interj macaws
overindulge negotiated uniquer vivifying chimerical fiefs mimicking razors shoddiest hided
transcend raggeder byproduct listened lyceum laconic noshed gages roseate smoothest infirm
thresh sunbathers discussants thoroughness cakes meetings revisited petrels bagging pendulum
fleeter spits crater doubters paunch crowed viability prawning theist topmast bone mottle
dancers vasectomies truckloads citizenry fires validated advertised compositor fierier poking
crinklier overlong damndest intensify embalm motorboat limos stilled transform multi clog sandy
expectant motleys corms overhands newlyweds indelicately recombining pap dereliction instruction
lugubriously ribbon serene underarms pomading huckleberry windfall sperm airsickness recentest
oddly incises take skateboarded deniers borrowers sharp dozes implemented intrenching unsuitable
yuk headless bowling showered intone outdistance curlicue prudently gagged snorers handling
incongruity canteen mobs undertaken habituation harpsichord jolts hostess nudism underachieve
swear fruit priors glutting stamen uppers slackens thrum taproots sillies seminarian gluts
forgot punts troublesome waster mourns poncho artificers heinousness outran surprisings
expectancy irrational hexameter stringier foolscap memento oratory obsolescence openhanded
helmsmen gauche torqued engrosses witnessing voluptuous foxhole regurgitate veterinary fricassee
winked enigma republics rockiest obsesses nosiest probing glistening beadier seventh joyridden
tarots complying oases intrusted kindle knocking purification ridicules garage fangs mummified
gimpy filtering voucher wateriest circulating viced honest do ejaculate dowdy funnest leis
followup messing boggier clerk disordering exactest rankness thousands hectic exacts warranties
axle bronchitis hinterland immodest mists palm supersizing imam enmeshing sumps mollusc seraph
seaway screwing intrenches deluxe whitish faintest breezes abounds coagulate fouls kayaks kook
antagonism mystic loggers accessions paced cavemen worrisome unbosoming plonks rehashed ingots
rooter mules dissatisfies chugs diapered frequenting pendents flashy despoiled bruiser
subservience placarded idolized paradoxical ascertains treasurers prerecord shoestring muskets
lackluster clutters rapier con contritely fresco unchallenged sandbags hell exorcism leafleting
credo firming sizzles hobnob creed hilt indemnities rivaling affections goodby bamboozles
cyclotron muffler floury reasserts noblest force percentiles diffidence apoplectic christenings
appals fertilized budgets deferential abate ravishingly snub pulses gristly catgut numbness
specters archaeology scalds aromas spiteful demurest barbequed gleans oppressors curtains
tonnage coat phonying embarrassed basil toxic muscular lumberman snarkiest limiest ravage
creosote calking rib asininities artiest sculpted phone shellac provenance insulating cornea
casualty tins legacies really jugular displeased mannish hard pillions fulfill nothings
commentators cautioned reagent telephones buckyballs submitted cuffs cumulus lunchrooms
actionable errs simplistic disc delving drubbings thankfully chiropodist shutters mines
sufficiently congeal statesman tautest air thesaurus divinely slippers bed lexicons monarchism
horsiest lanolin solo longitude bicyclists trawled invert failing amir fullback centrifuging
oaten resells assigns booksellers volleyball prostrated nimbi information inhales whitener junco
xxxiii cohesiveness cheddar browner overbooking fume unashamed halogens zincing quoth rates
coldest bifurcation intertwines symposia everglades topcoats homeland oscillates beak lateness
misdoing unbuttons slobbering pacific overdressing cannon accruals peroxiding aromatherapy
facetted glowworms anime vanishings italicizes plugged sentencing instruments flamboyantly
animation acquitting reverential something scissor hoarsest sesame penchant secured sand count
literally program maltreat instructed cheese share honied abdicates smirk militarist hyperspace
climaxes plinths godchild intuiting commission puzzlers before witched unzips hivemind
benevolent grabber fluoresces piss immoral renown motor velour hark misreading verbalize
gazeboes lolcat fairly yachtsmen examining astuteness heady extending commutative concreted
complainer curliest broadband bled incorporate topics hooks trotter postal babbling infant
plumbs rude eddies pea meager jolting corneal dynasty tambourines weest illegally complacently
gruesome strictures raked demobilize aspens pistil rekindling augustest weight odorless trees
incubating zero tansy unnecessary distributing veldts muralists meals chrysalises shawls conform
balked alleluias procurement yeasty examines ski uneasier pitfall pennies snakes sheepish warmer
canopy sin kibosh shock bushelling atone bitcoin inclusively townhouse militarizes winger
gracing ravelling scammed duelists umbilici clings turf sarcastic hereabout loyaler commencement
flair earthworms cribbed eavesdropper candor plaited medleys poohs sluggishness wreaked paddies
leaf immerses electioneer currycombed ravings optimists gruffer emanation reorganizes
caterwauled asserted diciest draping restaurants elm revamp natures butter romp villagers
heresies acclimatized roomed cynosure nits simulation dotted retrained maximums sublimates loots
enjoyment comfy traducing carrousel interceptor curry endocrine mambos contravenes incrusted
scorpions aerialist satellited lectures stridently guffawed consultants foes proprietress inline
cavil rowboats alumnae finders gazetteers yukked grievance sheathings forgathered mutually
routinely referrals geared bohemian wriest hewed enameled frizziest parented telescopic gorp
passed transitory flue reemphasizes spanners colorful diverges antagonize gamblers stoles cupful
raffling juicy awestricken heliotropes redheaded pediatric snowballed rightful informative
injured laddered reciprocates shlepped dudes dairymen chortling regresses tatter straining
legends infrequent proceed upends petulance steads paddled drowsy sis courtly narcissistic
compellingly gossamer cropped disagreed bulldozed slighter sleazes paler organelle maledictions
phonically zen geckos curbs excited extend taciturnity engravings emulations shackled ravels
goodies cockpit bisectors nuisance bombastic ranter modesty messy updating ketch taciturn fr
tutorials pictures alights hearing badger prospected beatific discomfiture invite humidified
overloaded pubescence gypsum unctuously pro decanter sexing portables ghostwrites foot
uniformity potion conditioner believe amaryllis lieutenancy fixer foregoes demur cuffing
chuckled scathingly castrated curlicued motorcycling myriads frosted paradigm impregnation
wished astringents pyromania rape woolie hays necessary remarried carpetbags illness infielders
traffic tablespoons quotes barista nutmeg reefed ethical sedating navigability alumnus fixers
merriness reporter freelancing willows maundered headline fagged consigns indiscretion
microfiche proliferate exigencies thromboses stalactites waling oligarch feared snowplowed
ousters prosperity crashed aromatic chattered vaulted hating uneasy aloof greet painting
tickling nastiest abusing caste fancifully apply traveled minefield beastliness pickiest quelled
proctoring dressing emoted grapefruit impetigo viable intricate overs lisp litanies deriving
reconciles sinuses villainies townsfolk golf prattles cameraman oilfields beekeepers seconds
snippier martinets coolie wonderfully grotto associate bewitching gorse goggle relieves fleshing
perish constipation preventable fatefully grandeur speaking commute drinkable paymasters
""";
}
