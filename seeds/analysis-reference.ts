/**
 * A hand-coded reference set for the analysis workspace: 160 contributions to one
 * realistic consultation ("The future of Northbridge Central Library"), each coded by
 * hand to one or two of nine themes. `npm run bench` measures the suggestions against it
 * (precision, recall and F1 per contribution after mapping suggested themes to these by
 * best overlap). Written for Parley; any likeness to a real consultation is the point.
 *
 * Coding rules used: a contribution gets the theme(s) it argues about, not every topic
 * it mentions in passing; a second theme only when it makes a distinct point about it.
 */

export const REFERENCE_THEMES = {
  hours: "Opening hours",
  children: "Children, families and schools",
  study: "Study space, computers and wifi",
  building: "Building condition and access",
  stock: "Books, e-books and stock",
  staff: "Staff and volunteers",
  location: "Location, moving and getting there",
  money: "Cost, charges and funding",
  community: "Community space and loneliness",
} as const;

export type ReferenceThemeKey = keyof typeof REFERENCE_THEMES;

export interface ReferenceContribution {
  text: string;
  themes: ReferenceThemeKey[];
}

const c = (themes: ReferenceThemeKey[], text: string): ReferenceContribution => ({ text, themes });

export const REFERENCE_ISSUE = {
  title: "The future of Northbridge Central Library",
  summary:
    "The council must save £400,000 from the library budget over three years. We are consulting on opening hours, the building on Market Street, a possible move into the Civic Centre, and how volunteers could support staff.",
};

export const REFERENCE_CONTRIBUTIONS: ReferenceContribution[] = [
  // Opening hours
  c(
    ["hours"],
    "Please keep the library open late on at least two evenings. I work nine to six and Thursday evening is the only time I can get there.",
  ),
  c(
    ["hours"],
    "Closing on Saturday afternoons would be a disaster. Saturday is when working families actually visit.",
  ),
  c(
    ["hours"],
    "Opening at ten instead of nine makes no difference to me, but shutting at five does. Shift the hours later rather than cutting them.",
  ),
  c(
    ["hours"],
    "Sunday opening, even just 12 till 4, would be used far more than Monday mornings when the place is empty.",
  ),
  c(
    ["hours"],
    "The current hours are confusing. Different closing times every day. Make them the same each weekday so people remember them.",
  ),
  c(["hours"], "I'd accept shorter weekday hours if the library stayed open all day Saturday."),
  c(
    ["hours", "study"],
    "During exam season the library should open earlier and close later. Students queue outside before it opens.",
  ),
  c(
    ["hours"],
    "Why not close on Mondays completely and keep the other days as they are? Half days on every day is the worst option.",
  ),
  c(["hours"], "Evening opening until 8pm is essential for shift workers. I finish at seven."),
  c(
    ["hours"],
    "Cutting hours is cutting the service by the back door. Fewer hours, fewer visits, then you'll say nobody uses it.",
  ),
  c(
    ["hours"],
    "The self-service 'open library' idea with card entry out of hours sounds good, as long as it's safe.",
  ),
  c(
    ["hours"],
    "Lunchtime closing between 1 and 2 is ridiculous. That's when office workers from the high street could pop in.",
  ),
  c(
    ["hours"],
    "Keep late opening on Tuesdays. Our reading group meets then and there's nowhere else.",
  ),
  c(
    ["hours", "staff"],
    "Extended hours with no staff at all worry me. Who helps if something goes wrong in the evening?",
  ),
  c(
    ["hours"],
    "Publish the footfall by hour, then decide. I suspect early mornings are quiet and late afternoons are busy.",
  ),
  c(
    ["hours"],
    "Winter hours could be shorter, summer longer. It doesn't have to be the same all year.",
  ),
  c(["hours"], "Don't close at 4pm on Fridays. It's the one day I can leave work early."),
  c(
    ["hours"],
    "Staggering the hours between Central and the branch libraries would mean somewhere is always open.",
  ),

  // Children and families
  c(
    ["children"],
    "Rhyme time on Wednesday mornings is the only baby group my daughter and I can walk to. Please don't cut it.",
  ),
  c(
    ["children"],
    "The homework club after school keeps my son off the streets and gets his homework done. It matters more than people realise.",
  ),
  c(["children"], "Story sessions in the holidays are packed. Run more of them, not fewer."),
  c(
    ["children"],
    "The summer reading challenge got my reluctant reader through six books. Keep funding it.",
  ),
  c(
    ["children", "building"],
    "The children's section needs to be somewhere you can get a buggy into. At the moment it's up a flight of stairs.",
  ),
  c(
    ["children"],
    "School visits to the library should continue. Lots of kids here have never been inside one otherwise.",
  ),
  c(
    ["children"],
    "Please keep the children's books free to borrow with no fines. Fines put poorer families off coming back.",
  ),
  c(
    ["children"],
    "As a childminder I bring four little ones every week. The toddler area is a lifeline in winter.",
  ),
  c(
    ["children"],
    "Teenagers need a space of their own. They get moved on from everywhere else in town.",
  ),
  c(
    ["children"],
    "The baby sensory sessions are oversubscribed. Could they be run twice on the same day?",
  ),
  c(
    ["children"],
    "Our primary school has no library of its own any more. Class visits to Central are how the children choose books.",
  ),
  c(
    ["children", "hours"],
    "Story time at 10:30 on a weekday rules out every working parent. Do one on Saturday morning.",
  ),
  c(
    ["children"],
    "Lego club on Saturdays brings dads in who would never set foot in a library otherwise.",
  ),
  c(
    ["children"],
    "Young parents told me the library is the only warm, free place to take a baby. Don't underestimate that.",
  ),
  c(
    ["children"],
    "Dual-language picture books for the Polish and Urdu speaking families would be welcome.",
  ),
  c(
    ["children"],
    "Homework help with computers and a printer is vital for kids without them at home.",
  ),
  c(["children"], "My grandchildren love the library. Please keep the children's events going."),
  c(
    ["children"],
    "The toddler area is tired and some of the toys are broken. A small refresh would go a long way.",
  ),

  // Study space, computers, wifi
  c(["study"], "The study tables upstairs are always full. We need more quiet desks with plugs."),
  c(["study"], "The wifi drops out constantly. For a lot of us it's the only internet we have."),
  c(
    ["study"],
    "Public computers are booked solid. People use them for job applications and Universal Credit. Don't reduce them.",
  ),
  c(
    ["study"],
    "A silent study room separate from the noisy areas would make a big difference for students.",
  ),
  c(
    ["study"],
    "The computers are so old they take ten minutes to log in. Replace them before you cut anything else.",
  ),
  c(["study"], "Printing at 20p a page is fine, but the printer is broken half the time."),
  c(
    ["study"],
    "I revised for my nursing exams at Central. Without the study space I would not have passed.",
  ),
  c(["study"], "Bookable group study rooms would help college students doing project work."),
  c(
    ["study"],
    "Please put more power sockets near the tables. Everyone is fighting over the two by the window.",
  ),
  c(["study"], "Digital help sessions for older people who can't get online are really valuable."),
  c(
    ["study"],
    "Remote workers use the library as an office. A few desks with good wifi would be a cheap win.",
  ),
  c(["study"], "Scanning documents for the job centre is something I can only do at the library."),
  c(["study"], "Ban phone calls in the study area. It's meant to be quiet."),
  c(["study", "money"], "Charge a small fee for a reserved desk if it keeps the study space open."),
  c(["study"], "The wifi login page times out every hour. Make it last the whole day."),
  c(
    ["study"],
    "The reference section is where I do my family history research. Please keep the microfilm readers.",
  ),
  c(
    ["study"],
    "Free access to online databases like Ancestry and Which? is a service people forget about.",
  ),
  c(["study"], "More laptops to borrow within the building would free up the fixed computers."),

  // Building condition and access
  c(
    ["building"],
    "The lift has been out of order for months. I use a wheelchair and can't reach the first floor.",
  ),
  c(["building"], "The building is freezing in winter. People sit in their coats."),
  c(["building"], "The toilets are a disgrace. There's no accessible toilet that actually works."),
  c(
    ["building"],
    "The roof leaks over the history section. Fix it before the collection is ruined.",
  ),
  c(["building"], "The Market Street building is beautiful. Restore it, don't abandon it."),
  c(
    ["building"],
    "Automatic doors please. The heavy front door is impossible with a walking frame.",
  ),
  c(
    ["building"],
    "The lighting upstairs is so dim it's hard to read. LED lights would save money too.",
  ),
  c(
    ["building"],
    "There is no hearing loop at the counter. I can't hear the staff behind the screen.",
  ),
  c(["building"], "Better signage inside. I never know which floor anything is on."),
  c(
    ["building", "money"],
    "Solar panels on that big flat roof would cut the energy bill and pay for themselves.",
  ),
  c(["building"], "The ramp at the side entrance is too steep and there's no handrail."),
  c(["building"], "It's too hot in summer. The windows don't open and there's no ventilation."),
  c(["building"], "The building needs proper maintenance, not patch repairs every year."),
  c(["building"], "Quiet, dementia-friendly signage and seating would help my mum keep visiting."),
  c(["building"], "Baby changing facilities are in the men's toilets only. That needs sorting."),
  c(
    ["building"],
    "Seating with arms so older people can stand up easily. The low sofas are no good.",
  ),
  c(["building"], "The stairs have no contrasting edges. I nearly fell with my poor eyesight."),

  // Books, e-books, stock
  c(["stock"], "The new book stock is thin. I often reserve a book and wait months."),
  c(
    ["stock"],
    "The e-book app is good but there are only two copies of popular titles. Buy more licences.",
  ),
  c(
    ["stock"],
    "Please don't get rid of the large print section. My eyes are going and I rely on it.",
  ),
  c(["stock"], "Audiobooks on CD still matter for people who aren't online."),
  c(["stock"], "More books in community languages. There's almost nothing in Bengali or Romanian."),
  c(
    ["stock"],
    "The local history collection is irreplaceable. Whatever happens, it must be kept together.",
  ),
  c(["stock"], "Reservations should be free. £1 a time adds up for people who read a lot."),
  c(["stock"], "Half the non-fiction is twenty years out of date. Weed it and buy new."),
  c(["stock"], "The graphic novel section is brilliant and always busy. More please."),
  c(
    ["stock"],
    "Newspapers and magazines every day are how some people keep up. Don't cut the subscriptions.",
  ),
  c(["stock"], "Inter-library loans take far too long now."),
  c(["stock"], "E-magazines are great, but many older readers need the paper copies."),
  c(["stock"], "Let readers suggest purchases online. I'd happily tell you what's missing."),
  c(["stock"], "A seed library and tool library would be a lovely addition to the book stock."),
  c(["stock"], "Please keep the music scores collection. Choirs in the borough depend on it."),
  c(["stock"], "The crime fiction shelves are picked over. Nothing new in months."),
  c(["stock"], "Book groups sets are a great service. There should be more titles to choose from."),
  c(
    ["stock"],
    "Stop selling off the old books for 10p. Some of them are the only copy in the county.",
  ),

  // Staff and volunteers
  c(["staff"], "Librarians are skilled professionals. Volunteers cannot replace them."),
  c(["staff"], "The staff are the best thing about the library. Cut anything but them."),
  c(
    ["staff"],
    "I'd volunteer a few hours a week, but only to support the staff, not replace them.",
  ),
  c(
    ["staff"],
    "Running the library with volunteers is a false economy. They come and go and training them costs money.",
  ),
  c(
    ["staff"],
    "The staff helped me fill in my housing application when I had nobody else. That's not a volunteer job.",
  ),
  c(
    ["staff"],
    "There are never enough staff on the counter. The queue is out the door on Saturdays.",
  ),
  c(
    ["staff"],
    "Community-run libraries work elsewhere. Give a friends group the chance to run some hours.",
  ),
  c(
    ["staff"],
    "Volunteers for the home library service would be brilliant. It's the kind of thing people would sign up for.",
  ),
  c(["staff"], "Don't put staff on zero hours contracts to save money."),
  c(
    ["staff"],
    "Security staff in the evening would make people feel safer. There have been incidents.",
  ),
  c(["staff"], "The children's librarian is amazing. Losing her post would be devastating."),
  c(["staff"], "Volunteers are fine for shelving and events, not for advice and information."),
  c(
    ["staff"],
    "Training staff to help people with benefits forms online would be money well spent.",
  ),
  c(
    ["staff"],
    "Too many managers, not enough people on the floor. Look at the management structure first.",
  ),
  c(["staff"], "Friendly staff who know your name matter. It's why my dad still goes every week."),
  c(["staff"], "A Friends of the Library group could fundraise and organise volunteers properly."),
  c(
    ["staff", "hours"],
    "If the library only has volunteers in the evenings, the specialist help disappears exactly when working people can come.",
  ),

  // Location, moving, getting there
  c(
    ["location"],
    "Moving into the Civic Centre would mean a trip across town. The Market Street site is on every bus route.",
  ),
  c(
    ["location"],
    "The Civic Centre has free parking. Market Street has none. A move would help drivers.",
  ),
  c(
    ["location"],
    "Sharing a building with the council offices would put off people who are wary of the council.",
  ),
  c(["location"], "Keep the library in the town centre. It brings footfall to the shops."),
  c(
    ["location"],
    "The Civic Centre is a ten minute walk up a steep hill. Impossible for older people.",
  ),
  c(
    ["location"],
    "A library in the shopping centre, like other towns have done, would get far more visitors.",
  ),
  c(
    ["location"],
    "The 42 and 17 buses stop right outside Market Street. Nothing goes to the Civic Centre after six.",
  ),
  c(
    ["location"],
    "If you move it, sell the Market Street building to a community trust, not a developer.",
  ),
  c(
    ["location"],
    "A combined library and health hub in the Civic Centre could work if it's done properly.",
  ),
  c(
    ["location"],
    "Cycle parking at Market Street is two broken stands. More secure bike racks please.",
  ),
  c(
    ["location"],
    "The mobile library van should come back for the villages if Central moves further away.",
  ),
  c(["location"], "I walk to Market Street from the estate. A move would cut me off completely."),
  c(
    ["location"],
    "Disabled parking bays near the library entrance would help. The nearest blue badge space is two streets away.",
  ),
  c(
    ["location"],
    "The Civic Centre building is soulless. A library should be in a welcoming place.",
  ),
  c(
    ["location"],
    "A move makes sense if the new space is bigger and better, but not as a way to shrink the service.",
  ),
  c(
    ["location"],
    "Park and ride users can't get to Market Street easily. A stop nearer would help.",
  ),
  c(
    ["location"],
    "Don't split the service across two sites. One proper central library is better.",
  ),

  // Cost, charges, funding
  c(
    ["money"],
    "I'd happily pay an extra pound a month on council tax to keep the library as it is.",
  ),
  c(["money"], "A café inside would bring in income and more visitors."),
  c(["money"], "Rent out the meeting rooms in the evenings to businesses. That's easy money."),
  c(["money"], "Don't introduce charges for borrowing. A library must stay free."),
  c(
    ["money"],
    "Apply for lottery and Arts Council funding. Other councils have got grants for their libraries.",
  ),
  c(
    ["money"],
    "£400,000 is a lot less than the council spent on the new roundabout. It's about priorities.",
  ),
  c(["money"], "Sponsorship from local businesses could pay for the children's events."),
  c(["money"], "Scrap overdue fines. They cost more to collect than they bring in."),
  c(["money"], "Sell advertising space on the library website and screens."),
  c(["money"], "The library saves the NHS and the job centre money. Count that before you cut it."),
  c(["money"], "A small charge for computer use would be unfair on the people who need them most."),
  c(
    ["money"],
    "Share back-office costs with the county library service instead of cutting frontline hours.",
  ),
  c(["money"], "Charge for room hire at a fair rate, but keep it free for community groups."),
  c(
    ["money"],
    "Crowdfunding for specific things like new furniture could work. People love this library.",
  ),
  c(
    ["money"],
    "Why is the library budget always the first to be cut? It's a tiny share of council spending.",
  ),
  c(
    ["money"],
    "Energy costs must be huge in that old building. Insulation would save thousands a year.",
  ),
  c(["money"], "Publish the full budget so we can see where the money actually goes."),

  // Community space and loneliness
  c(
    ["community"],
    "For my dad, a widower, the library is the only place he talks to anyone all week.",
  ),
  c(
    ["community"],
    "The knit and natter group keeps a dozen older ladies from being lonely. Where would they go?",
  ),
  c(["community"], "It's a warm space in winter for people who can't afford to heat their homes."),
  c(
    ["community"],
    "The library is the last free indoor public space in the town centre where you don't have to buy anything.",
  ),
  c(
    ["community"],
    "Community groups need a free place to meet. The library meeting room is booked every evening.",
  ),
  c(
    ["community"],
    "Refugee families learned English at the conversation café in the library. It changed lives.",
  ),
  c(
    ["community"],
    "A place to sit and read the paper, chat, and feel part of something. That's what the library is for me.",
  ),
  c(["community"], "Host more talks and events. Local history talks used to fill the room."),
  c(
    ["community"],
    "It's where the repair café happens every month. People fix things and meet neighbours.",
  ),
  c(
    ["community"],
    "Mental health peer support meets in the library because it feels safe and neutral.",
  ),
  c(
    ["community"],
    "Make the library a proper community hub: advice services, citizens advice surgeries, council help desk.",
  ),
  c(
    ["community"],
    "Homeless people use the library during the day. Please treat that as part of its job, not a problem.",
  ),
  c(
    ["community"],
    "Chess club on Thursday evenings is full of kids and pensioners playing together. Priceless.",
  ),
  c(
    ["community"],
    "The library is where new arrivals to Northbridge find out how things work here.",
  ),
  c(["community"], "Carers' coffee mornings in the library give us a break and a chance to talk."),
  c(
    ["community"],
    "Loneliness is a health problem. The library is one of the few things tackling it for free.",
  ),
  c(
    ["community", "location"],
    "Whatever building it's in, it needs to stay a place people can just drop into and meet others.",
  ),
  c(
    ["community"],
    "Exhibitions by local artists and schools make the library feel like it belongs to the town.",
  ),
  c(
    ["community"],
    "Volunteering at the library got me out of the house after my stroke. It gave me a reason to get up.",
  ),
  c(
    ["community"],
    "Please don't turn it into just another council office. It's a community space.",
  ),
];
