/**
 * Hand-written demo issues for Northbridge Borough Council. Each issue carries the
 * threads residents started and a bank of points residents and staff make in replies;
 * the demo builder composes posts from them deterministically.
 */
import type { ThreadKind } from "../db/schema";
import type { AreaSlug, CategorySlug, OfficerKey } from "./material-places";

export interface IssueMaterial {
  slug: string;
  title: string;
  area: AreaSlug;
  category: CategorySlug;
  officer: OfficerKey;
  status: "draft" | "open" | "closed" | "responded";
  /** The window relative to the seed date, in days (negative is the past). */
  opensInDays: number;
  closesInDays: number;
  summary: string;
  threads: { kind: ThreadKind; title: string; body: string }[];
  residentPoints: string[];
  staffPoints: string[];
}

export const ISSUES: IssueMaterial[] = [
  {
    slug: "resurfacing-mill-lane",
    title: "Resurfacing Mill Lane",
    area: "millbrook",
    category: "roads-and-transport",
    officer: "highways",
    status: "open",
    opensInDays: -14,
    closesInDays: 21,
    summary:
      "Mill Lane between the brook bridge and Station Road is due to be resurfaced next spring. The work will take about three weeks and the road will close to through traffic while it happens.\n\nWe would like to hear:\n\n- which weeks would cause you least disruption;\n- whether the raised crossing outside the primary school should be rebuilt at the same time;\n- any drainage problems you have noticed.",
    threads: [
      {
        kind: "discussion",
        title: "Potholes near the brook bridge are getting dangerous",
        body: "The two potholes just past the bridge have been there since February. I've seen two cyclists swerve into traffic to avoid them this week alone. Can they be patched now rather than waiting for the full resurfacing?",
      },
      {
        kind: "idea",
        title: "Do the work in the school summer holidays",
        body: "If the road has to close for three weeks, please do it in August. Term time would mean hundreds of parents and children walking in the road because the pavement is so narrow by the shop.",
      },
      {
        kind: "question",
        title: "Will buses still stop on Mill Lane during the closure?",
        body: "My mum relies on the 42 to get to the surgery. Will there be a temporary stop, and where?",
      },
      {
        kind: "discussion",
        title: "Drains flood outside number 60 every time it rains",
        body: "The gully outside 58–62 fills up and sends a wave over the pavement whenever a van goes past. Please fix the drainage while the road is dug up, otherwise the new surface will be ruined in a year.",
      },
      {
        kind: "idea",
        title: "Rebuild the raised crossing by the school",
        body: "The crossing outside Millbrook Primary is cracked and drivers barely slow down for it now. A proper raised table with better markings would help the lollipop lady a lot.",
      },
      {
        kind: "question",
        title: "Who do I tell about a damaged kerb before the works?",
        body: "The kerb outside the chemist has been knocked loose by delivery lorries. Is that part of this scheme or do I report it separately?",
      },
    ],
    residentPoints: [
      "The stretch by the bridge is the worst. I drive it daily and have to slow right down.",
      "August makes sense to me. Half the street is away anyway.",
      "Please think about the businesses on the parade. Three weeks of no passing trade is a lot for a small shop.",
      "Can the diversion avoid sending lorries down Brook Street? It's far too narrow.",
      "The drain outside the newsagent floods as well, so it's not just one gully.",
      "Agree about the crossing. My kids use it every day.",
      "I reported the pothole on the council website in March and heard nothing back.",
      "Night working would get it done faster, but not if it means a week of no sleep for those of us on the lane.",
      "A temporary bus stop on Station Road would be fine for most people if it has a shelter.",
      "Could the cycle lane markings be repainted at the same time? They've almost vanished.",
    ],
    staffPoints: [
      "Thank you. We have asked our contractor to patch the two worst potholes by the bridge within the next ten working days, as a safety repair ahead of the main scheme.",
      "The 42 will stop at a temporary stop on Station Road, about 150 metres from the current one, with a shelter. We'll put notices at the stop two weeks before the closure.",
      "Drainage surveys are booked for next month. Any gullies you mention here will be added to the list for the contractor to check.",
    ],
  },
  {
    slug: "library-opening-hours",
    title: "Library opening hours",
    area: "castlegate",
    category: "libraries-and-culture",
    officer: "libraries",
    status: "open",
    opensInDays: -10,
    closesInDays: 35,
    summary:
      "Castlegate Library is open 9am to 5pm, Monday to Friday, and 10am to 1pm on Saturday. We can afford the same number of staffed hours next year but could arrange them differently.\n\nOptions we are considering:\n\n1. Late opening until 7pm on two weekdays, with a later start on those days.\n2. Open all day Saturday and close on Monday.\n3. Keep the current hours.\n\nTell us which would help you use the library more.",
    threads: [
      {
        kind: "idea",
        title: "Open until 7pm on Tuesdays and Thursdays",
        body: "I work full time in Leeds and can never get to the library before it shuts. Two late evenings would make a huge difference to commuters and to teenagers revising for exams.",
      },
      {
        kind: "discussion",
        title: "Closing on Mondays would hurt the job club",
        body: "The job club meets every Monday morning and uses the library computers. Many members don't have internet at home. Where would they go?",
      },
      {
        kind: "idea",
        title: "A full Saturday for families",
        body: "Saturday mornings are packed with parents and toddlers. A full Saturday would spread people out and give working families a real chance to visit.",
      },
      {
        kind: "question",
        title: "Would the self-service machines work outside staffed hours?",
        body: "Other councils have 'open library' hours where you can get in with your card when no staff are on. Is that an option here?",
      },
      {
        kind: "discussion",
        title: "The study space is full by 10am",
        body: "Whatever happens with hours, there are only twelve study desks and they're gone by mid-morning in exam season. Is there any room to add more?",
      },
      {
        kind: "question",
        title: "What happens to the Friday rhyme time?",
        body: "If the hours change, will the under-fives rhyme time stay on Friday mornings? It's the only thing my daughter and I do together outside the house some weeks.",
      },
    ],
    residentPoints: [
      "Late opening gets my vote. I'd finally be able to borrow books again.",
      "Please don't close on Mondays. The computers are a lifeline for people applying for jobs.",
      "Could the late nights be staffed by volunteers if the budget is tight?",
      "I'm retired and go on weekday mornings, so a later start would make no difference to me either way.",
      "The library is the only warm, quiet place some people have. That should count for something.",
      "Saturday afternoons would suit us. Mornings are swimming lessons.",
      "Open library hours sound good, but only if there's some way to get help if something goes wrong.",
      "My son revises there after school. 5pm is far too early for him.",
      "Could the reading group move to an evening if the hours change?",
      "Whatever you choose, please put the new hours on the door in big print.",
    ],
    staffPoints: [
      "Rhyme time will stay on Friday mornings under all three options. It's one of our busiest sessions.",
      "Open library technology is something we are costing now. It needs building work to the entrance, so it would not be in place before the new hours start.",
      "Thank you for the point about the job club. We're talking to them about moving the session to a day the library will definitely be open.",
    ],
  },
  {
    slug: "cycle-lane-station-road",
    title: "A protected cycle lane on Station Road",
    area: "riverside",
    category: "roads-and-transport",
    officer: "highways",
    status: "open",
    opensInDays: -25,
    closesInDays: 10,
    summary:
      "We propose a two-way protected cycle lane on the river side of Station Road, from the station to the Riverside retail park. It would remove 22 of the 61 on-street parking spaces. Loading bays for the shops would stay.\n\nPlans and a map are available at the library and the station. Tell us what you think of the route, the parking changes and the junction at Ferry Street.",
    threads: [
      {
        kind: "discussion",
        title: "Finally somewhere safe to cycle to the station",
        body: "I cycle to the train every day and Station Road is terrifying at rush hour. Buses pass within inches. This lane would get me and a lot of others out of cars.",
      },
      {
        kind: "discussion",
        title: "Losing 22 parking spaces will hurt the shops",
        body: "The parade relies on people popping in. If they can't park, they'll drive to the retail park instead. Has anyone asked the shopkeepers?",
      },
      {
        kind: "idea",
        title: "Put the lost parking in the station car park",
        body: "The station car park is half empty after 10am. Could the council agree with the rail company to give shoppers two free hours there?",
      },
      {
        kind: "question",
        title: "How will the Ferry Street junction work?",
        body: "Cyclists coming off the lane at Ferry Street would cross the left-turn traffic. Will there be a separate signal phase for bikes?",
      },
      {
        kind: "idea",
        title: "Add cycle parking outside the parade",
        body: "If more people come by bike, there's nowhere to lock up. Half a dozen Sheffield stands outside the bakery would help the shops too.",
      },
      {
        kind: "question",
        title: "Will the lane be gritted in winter?",
        body: "Lanes behind kerbs often get missed by the gritters. Is there a plan for ice?",
      },
    ],
    residentPoints: [
      "I'd let my teenagers cycle to college if this were built.",
      "Most of the parking is taken by commuters all day, not shoppers, so the shops may not lose much.",
      "Please make the kerbs low enough for cargo bikes and mobility scooters.",
      "The bus stop by the bakery needs thinking about. Passengers will step straight into the lane.",
      "I run the florist on the parade. Deliveries are our real worry; please keep the loading bay where it is.",
      "A survey of how people actually reach the shops would settle the parking argument.",
      "The junction is the bit that needs to be right. A lane that ends in a dangerous junction is worse than none.",
      "Two free hours in the station car park would be a good compromise.",
      "Please link it to the river path so families can get to the park without using the road at all.",
      "Cycle parking yes, but not where it blocks the pavement for wheelchairs and buggies.",
    ],
    staffPoints: [
      "The Ferry Street junction would have a separate early-release signal for cycles, so they clear the junction before left-turning traffic moves.",
      "The lane would be on the priority gritting route, using a narrow gritter we already have for footways.",
      "We counted parking use in September: on a weekday, 70% of the spaces were taken by the same vehicles from 8am to 6pm, which suggests commuters rather than shoppers. The full survey is in the consultation pack.",
    ],
  },
  {
    slug: "hollins-park-play-area",
    title: "Rebuilding the Hollins Park play area",
    area: "hollins-park",
    category: "parks-and-green-spaces",
    officer: "parks",
    status: "open",
    opensInDays: -5,
    closesInDays: 42,
    summary:
      "The play area in Hollins Park is 25 years old and much of the equipment has reached the end of its life. We have £180,000 from housing developer contributions to rebuild it.\n\nHelp us decide what goes in: equipment for which ages, accessible play, seating, shade and toilets.",
    threads: [
      {
        kind: "idea",
        title: "Inclusive equipment so every child can play",
        body: "My son uses a wheelchair and there is nothing in Hollins Park he can use. A roundabout flush with the ground and a wide basket swing would mean he could play with his sister.",
      },
      {
        kind: "idea",
        title: "Something for older children and teenagers",
        body: "The current area is all toddler stuff. Kids of ten and up end up hanging around the car park. A climbing frame or a small pump track would give them somewhere to go.",
      },
      {
        kind: "discussion",
        title: "Please bring back the toilets",
        body: "The toilets by the bowling green closed years ago. With little children you can't stay more than an hour without them.",
      },
      {
        kind: "question",
        title: "Will the big oak trees be kept?",
        body: "The oaks by the old sandpit are the best thing about the play area, especially for shade in summer. Are they safe?",
      },
      {
        kind: "idea",
        title: "More benches facing the play area",
        body: "Grandparents like me need somewhere to sit where we can see the children. Right now the benches face the wrong way.",
      },
      {
        kind: "discussion",
        title: "Keep the play area fenced",
        body: "The park is next to a busy road and dogs run loose on the field. A fence with self-closing gates is essential.",
      },
    ],
    residentPoints: [
      "Inclusive equipment has to be the priority. It's shocking there's nothing now.",
      "A pump track would be brilliant. The one in Halton is always busy.",
      "Shade please. The current area is an oven in July.",
      "Could local schools get involved in the design? The children have great ideas.",
      "Please use equipment that can be repaired locally, not something that's closed for months waiting for parts.",
      "Keep the fence and the gates. We've had dogs in the toddler area more than once.",
      "A water fountain would be a small cost and make a big difference.",
      "I'd rather have fewer, better pieces than lots of cheap ones.",
      "The path from the car park needs resurfacing too, otherwise wheelchairs still can't get there.",
      "Toilets would make the park usable for whole afternoons again.",
    ],
    staffPoints: [
      "The oaks have been surveyed and are healthy. The design will keep all three and build around their roots.",
      "Toilets are outside this budget, but we are looking at reopening the bowling green block with the leisure centre's operator. We'll report back on this thread.",
      "At least a third of the equipment budget will go on inclusive play, and every piece will be reachable along a level path.",
    ],
  },
  {
    slug: "fortnightly-bin-collections",
    title: "Moving general waste to fortnightly collections",
    area: "borough-wide",
    category: "waste-and-recycling",
    officer: "waste",
    status: "closed",
    opensInDays: -80,
    closesInDays: -20,
    summary:
      "We consulted on collecting general waste (the green bin) every two weeks instead of weekly, while adding a weekly food waste collection. The consultation has closed and we are considering the responses.",
    threads: [
      {
        kind: "discussion",
        title: "Fortnightly will mean overflowing bins and rats",
        body: "Our terrace has no room for extra bins and the foxes already rip open anything left out. Two weeks of nappies in the summer doesn't bear thinking about.",
      },
      {
        kind: "idea",
        title: "Bigger bins for large families",
        body: "If you go fortnightly, households of five or more should be able to get a larger green bin free of charge.",
      },
      {
        kind: "question",
        title: "Where would a food caddy go in a flat?",
        body: "I live in a second-floor flat with a shared bin store. How would food waste collection work for us?",
      },
      {
        kind: "discussion",
        title: "Food waste collections are long overdue",
        body: "Most of what's in our green bin is food. A weekly food collection would halve it, and the smell problem goes with the food, not the rest.",
      },
      {
        kind: "question",
        title: "Will the bulky waste charge change?",
        body: "If people have less room in their bins, fly-tipping might go up. Is the council going to make bulky collections cheaper?",
      },
    ],
    residentPoints: [
      "Other councils made this change and it worked fine once food waste was separate.",
      "Please think about people with medical waste who genuinely fill a bin every week.",
      "Flats need a different answer. The shared bins are already overflowing.",
      "I'd support it if recycling collections are reliable. They were missed three times last winter.",
      "Free caddy liners would make a big difference to whether people use food waste.",
      "Foxes are the real problem. Lockable bins would help more than anything.",
      "Fly-tipping in the back alleys is bad enough already.",
      "I already compost, so our green bin is half empty after a week.",
    ],
    staffPoints: [
      "Households with medical or nappy waste would be offered an extra collection, as they are in every council that has made this change.",
      "Flats with shared bin stores would get communal food waste bins, emptied weekly, rather than individual caddies.",
    ],
  },
  {
    slug: "budget-2027-28",
    title: "Budget consultation 2027/28",
    area: "borough-wide",
    category: "budget-and-council-tax",
    officer: "finance",
    status: "open",
    opensInDays: -20,
    closesInDays: 28,
    summary:
      "We need to save £6.2 million next year while demand for adult social care and children's services keeps rising. Council tax can rise by up to 4.99% without a referendum.\n\nTell us which services matter most to you, where we could save, and what you think about council tax.",
    threads: [
      {
        kind: "discussion",
        title: "Protect social care before anything else",
        body: "My dad depends on his carers visiting four times a day. Whatever else is cut, please don't cut the care that keeps people safe at home.",
      },
      {
        kind: "idea",
        title: "Switch off street lights between midnight and 5am",
        body: "Lots of councils do this on residential roads. It would save energy money without affecting main roads.",
      },
      {
        kind: "discussion",
        title: "Another 4.99% rise is too much for pensioners",
        body: "My council tax has gone up every year while my pension hasn't kept pace. I'd rather see fewer consultants and less spent on office buildings.",
      },
      {
        kind: "question",
        title: "How much does the council spend on agency staff?",
        body: "Before asking residents to pay more, can you publish what's spent on agency and interim staff?",
      },
      {
        kind: "idea",
        title: "Share back-office services with neighbouring councils",
        body: "Payroll, IT and legal are the same everywhere. Sharing them would save money without touching front-line services.",
      },
      {
        kind: "question",
        title: "Will the libraries be affected?",
        body: "There was talk of closing branch libraries last year. Are any on the list this time?",
      },
    ],
    residentPoints: [
      "I'd pay a bit more council tax to keep the libraries and youth services open.",
      "Street lights off at night would make me feel unsafe walking home from a late shift.",
      "Sharing services makes sense, but it has to be done properly. Look at what happened elsewhere with IT.",
      "Please publish the savings options in plain English with the amounts next to them.",
      "Social care has to come first. It's people's lives.",
      "Could the council sell or rent out empty buildings instead?",
      "Potholes cost us more in car repairs than any council tax rise.",
      "Charge more for parking at the retail park rather than in the town centre.",
      "Ask the big businesses to sponsor parks and roundabouts like other towns do.",
      "A small rise is fine if we can see exactly where the money goes.",
    ],
    staffPoints: [
      "Agency and interim staff cost £4.1 million last year, down from £5.3 million. The figures are in the quarterly finance report, which we'll link from this issue.",
      "No library closures are proposed in this year's budget. One option is to reduce branch hours, which is part of the library hours consultation.",
      "Switching off lights would apply only to residential roads with low night-time footfall, and never near hospitals, stations or town-centre routes.",
    ],
  },
  {
    slug: "northfield-street-lighting",
    title: "Brighter street lighting on the Northfield estate",
    area: "northfield",
    category: "community-safety",
    officer: "safety",
    status: "responded",
    opensInDays: -150,
    closesInDays: -90,
    summary:
      "Residents told us that the paths through the Northfield estate feel unsafe after dark. We asked where lighting is worst and how it could be improved.",
    threads: [
      {
        kind: "discussion",
        title: "The cut-through to the shops is pitch black",
        body: "The path from Larch Close to the parade has one light and it's been broken for months. Nobody uses it after 4pm in winter.",
      },
      {
        kind: "idea",
        title: "Motion-sensor lights on the footpaths",
        body: "Lights that brighten when someone walks past would save energy and make the paths feel safer.",
      },
      {
        kind: "question",
        title: "Who is responsible for the lights on the garage blocks?",
        body: "The lights by the garages on Birch Road belong to someone, but nobody seems to know who. Is it the council or the housing association?",
      },
      {
        kind: "discussion",
        title: "Cut back the hedges as well as adding lights",
        body: "Half the problem is that the hedges along the path have grown so tall the existing lights are blocked.",
      },
      {
        kind: "idea",
        title: "Warmer white lights please",
        body: "The new bright white LEDs on the main road shine into bedrooms. Please use warmer lights on the estate.",
      },
    ],
    residentPoints: [
      "My daughter walks home from the bus stop and I always go to meet her because of that path.",
      "Motion sensors sound good if they actually come on quickly enough.",
      "It's the housing association's garages, I'm fairly sure. They never answer.",
      "Cutting back the hedges would make the biggest difference for the least money.",
      "Warmer lights please. The new ones on Northfield Road are like a football stadium.",
      "Thank you for actually asking. This has been raised at every residents' meeting for years.",
      "The underpass by the school needs looking at too.",
    ],
    staffPoints: [
      "We've confirmed the garage block lights belong to Northfield Homes and they have agreed to replace them.",
      "The hedges along the Larch Close path were cut back in the first week of the consultation.",
    ],
  },
  {
    slug: "st-annes-community-garden",
    title: "A community garden on the old St Anne's depot site",
    area: "st-annes",
    category: "parks-and-green-spaces",
    officer: "parks",
    status: "open",
    opensInDays: 7,
    closesInDays: 49,
    summary:
      "The former council depot behind St Anne's church has been cleared. A residents' group has proposed a community garden with raised beds, a small orchard and a meeting space. The consultation opens next week.",
    threads: [],
    residentPoints: [],
    staffPoints: [],
  },
  {
    slug: "riverside-flood-defences",
    title: "Flood defences along the Riverside path",
    area: "riverside",
    category: "housing-and-planning",
    officer: "planning",
    status: "closed",
    opensInDays: -60,
    closesInDays: -3,
    summary:
      "The Environment Agency and the council asked for views on raising the flood wall along the Riverside path, which would change views of the river and close the path for six months during construction.",
    threads: [
      {
        kind: "discussion",
        title: "We flooded in 2020 and 2023. Build it.",
        body: "Our ground floor has been gutted twice in four years. A lower view of the river is a small price to pay.",
      },
      {
        kind: "question",
        title: "Can the path stay open in sections?",
        body: "The Riverside path is how I get to work without using the main road. Does the whole thing have to close for six months?",
      },
      {
        kind: "idea",
        title: "Glass panels so the river can still be seen",
        body: "Other towns have used flood walls with glass panels. It keeps the view and still protects homes.",
      },
      {
        kind: "discussion",
        title: "What about the trees along the bank?",
        body: "The willows along the path are home to kingfishers. Will they have to come down?",
      },
      {
        kind: "question",
        title: "Will insurance premiums come down afterwards?",
        body: "Our premium tripled after the last flood. Will the council share the new flood risk data with insurers?",
      },
    ],
    residentPoints: [
      "Homes first, views second. I support the wall.",
      "Glass panels would be lovely but must be more expensive. Is there money for them?",
      "Please phase the works so at least half the path is open at any time.",
      "The kingfishers are the one bit of wildlife everyone in the town knows about. Please protect them.",
      "Flood Re has helped us, but premiums are still far too high.",
      "The wall needs gaps for the fishermen's steps.",
      "Six months isn't long if it means no more sandbags every winter.",
    ],
    staffPoints: [
      "The contractor's plan phases the work in three sections of about two months each, so two thirds of the path stays open at any time.",
    ],
  },
  {
    slug: "castlegate-market-square-parking",
    title: "Parking and deliveries in Castlegate market square",
    area: "castlegate",
    category: "roads-and-transport",
    officer: "highways",
    status: "open",
    opensInDays: -21,
    closesInDays: 14,
    summary:
      "The market square is a car park six days a week and a market on Saturdays. We're asking whether to keep parking in the square, limit it to blue badge holders and deliveries, or make it pedestrian only with parking moved to the Castle Street multi-storey.",
    threads: [
      {
        kind: "idea",
        title: "Make the square pedestrian only",
        body: "The square is the most beautiful space in the borough and it's full of cars. Imagine cafés with tables outside and space for events.",
      },
      {
        kind: "discussion",
        title: "Blue badge holders need to park close to the shops",
        body: "I can walk about fifty metres. The multi-storey is out of the question for me. Please keep disabled parking in the square whatever else changes.",
      },
      {
        kind: "question",
        title: "How would deliveries reach the shops?",
        body: "Our shop gets three deliveries a day. If the square goes car-free, what times would lorries be allowed in?",
      },
      {
        kind: "discussion",
        title: "The multi-storey feels unsafe at night",
        body: "The lifts are often broken and the stairwells are grim. If you want people to park there, it needs fixing first.",
      },
      {
        kind: "idea",
        title: "Try it car-free on Sundays first",
        body: "Why not run a trial: car-free every Sunday for the summer, with events. Then ask again.",
      },
    ],
    residentPoints: [
      "A Sunday trial is a sensible way to find out.",
      "Keep blue badge bays. Pedestrianisation shouldn't shut disabled people out.",
      "The multi-storey needs lifts that work before anyone is pushed into it.",
      "Deliveries before 10am works in plenty of other towns.",
      "The square would be wonderful with trees and seating.",
      "Most of the cars in the square belong to people who work in the offices, not shoppers.",
      "Please don't kill the town centre. Parking brings people in.",
    ],
    staffPoints: [
      "Under every option, the six blue badge bays in the square would stay, and two more would be added on Castle Street.",
      "Deliveries would be allowed before 10:30am and after 4pm, which matches the loading survey we did with the traders.",
    ],
  },
  {
    slug: "millbrook-youth-centre",
    title: "The future of Millbrook youth centre",
    area: "millbrook",
    category: "health-and-wellbeing",
    officer: "safety",
    status: "draft",
    opensInDays: 14,
    closesInDays: 70,
    summary:
      "A draft consultation on how to keep youth provision in Millbrook after the current lease ends. Not yet published.",
    threads: [],
    residentPoints: [],
    staffPoints: [],
  },
  {
    slug: "recycling-centre-booking",
    title: "Booking slots at the household recycling centre",
    area: "borough-wide",
    category: "waste-and-recycling",
    officer: "waste",
    status: "responded",
    opensInDays: -200,
    closesInDays: -120,
    summary:
      "We asked whether to keep the booking system for the Northfield household recycling centre that began during the pandemic, or return to turning up without a booking.",
    threads: [
      {
        kind: "discussion",
        title: "Booking ended the queues on the ring road",
        body: "Before booking, the queue went back onto the ring road every bank holiday. Please keep it.",
      },
      {
        kind: "discussion",
        title: "I can never get a weekend slot",
        body: "Weekend slots are gone within minutes. People who work weekdays can't use the tip at all.",
      },
      {
        kind: "idea",
        title: "Keep booking for vans and trailers only",
        body: "Cars could turn up freely, while vans and trailers book. That's where the delays come from anyway.",
      },
      {
        kind: "question",
        title: "Can you book by phone?",
        body: "My neighbour doesn't use the internet. Is there a phone number for booking?",
      },
      {
        kind: "idea",
        title: "Open late one evening a week",
        body: "A late evening, say Wednesday until 8pm in summer, would help people who work.",
      },
    ],
    residentPoints: [
      "Booking for vans only is a good compromise.",
      "The queues were dangerous. Keep booking.",
      "Please release weekend slots a week ahead, not all at once.",
      "Fly-tipping went up when booking came in, I'm sure of it.",
      "A phone line is essential for older people.",
      "Summer evenings would be great.",
    ],
    staffPoints: ["Yes: you can book on 01632 960 000, Monday to Friday, 9am to 5pm."],
  },
  {
    slug: "northfield-school-20mph",
    title: "A 20mph zone around Northfield schools",
    area: "northfield",
    category: "roads-and-transport",
    officer: "highways",
    status: "open",
    opensInDays: -40,
    closesInDays: 2,
    summary:
      "We propose a 20mph limit on the streets around Northfield Academy and Birch Road Primary, with new signs, road markings and two speed cushions on Birch Road.",
    threads: [
      {
        kind: "discussion",
        title: "Drivers fly down Birch Road at school time",
        body: "I stand at the gate every morning and the speeds are frightening. 20mph is the least we should do.",
      },
      {
        kind: "question",
        title: "Will it be enforced?",
        body: "There's a 20mph limit by the hospital and nobody keeps to it. Will there be cameras or police checks?",
      },
      {
        kind: "discussion",
        title: "Speed cushions damage cars and slow ambulances",
        body: "The cushions on Elm Road have cracked my exhaust twice. Please use signs and enforcement instead.",
      },
      {
        kind: "idea",
        title: "School streets: close the road at drop-off",
        body: "Some councils close the road outside the school for half an hour at drop-off and pick-up. It's much safer than a speed limit.",
      },
      {
        kind: "idea",
        title: "Flashing speed signs that show your speed",
        body: "The signs that flash your speed at you really do make people slow down.",
      },
    ],
    residentPoints: [
      "A school street would be even better than 20mph.",
      "Speed signs work for a few months, then people ignore them.",
      "Ambulance crews I've spoken to say cushions are fine if they're spaced properly.",
      "Please extend it to Ash Grove, which is the rat run.",
      "Enforcement is the key. Without it the signs are decoration.",
      "I support it. It's a residential area, 30 is too fast anyway.",
      "The parents parking on the zig-zags are a bigger problem than speed.",
    ],
    staffPoints: [
      "Police have agreed to include the zone in their community speed-watch rota, and we'll install two flashing speed signs that record average speeds so we can publish them.",
      "The cushions would be ambulance-friendly, with gaps wide enough for emergency vehicles' wheelbase.",
    ],
  },
  {
    slug: "st-annes-housing-site",
    title: "Housing on the St Anne's allotment fringe",
    area: "st-annes",
    category: "housing-and-planning",
    officer: "planning",
    status: "closed",
    opensInDays: -110,
    closesInDays: -95,
    summary:
      "As part of the local plan review we asked for views on allocating land at the edge of St Anne's allotments for about 40 homes, at least a third of them affordable.",
    threads: [
      {
        kind: "discussion",
        title: "We need affordable homes, but not on the allotments",
        body: "My children can't afford to live in the town they grew up in, so I want more homes. But the allotments have a waiting list of 90 people. Build on the old depot instead.",
      },
      {
        kind: "question",
        title: "How many homes would be social rent?",
        body: "'Affordable' often means 80% of market rent, which isn't affordable here. How many would be social rent?",
      },
      {
        kind: "discussion",
        title: "The junction with Church Lane can't take more traffic",
        body: "It's already a queue every morning. Forty more households means forty to eighty more cars.",
      },
      {
        kind: "idea",
        title: "Make it a car-free, eco development",
        body: "It's a ten-minute walk to the station. Build something exemplary: car-free, heat pumps, solar.",
      },
      {
        kind: "question",
        title: "Would any allotment plots be lost?",
        body: "I've had plot 14 for 22 years. Does the boundary include any working plots?",
      },
    ],
    residentPoints: [
      "Social rent or it's not worth doing.",
      "The depot site is right there and already brownfield.",
      "Church Lane needs a proper junction whatever happens.",
      "Car-free only works if the buses run in the evenings.",
      "Please protect the hedgerow along the allotments. It's full of birds.",
      "We need homes. I'd rather have them here than on the green belt.",
    ],
    staffPoints: [
      "The boundary in the consultation map excludes all working plots; it covers the unused strip along the railway.",
    ],
  },
];
