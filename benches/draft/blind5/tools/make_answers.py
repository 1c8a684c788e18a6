# Builds inputs/answers.csv from the hand-chosen passages below: each row names
# the first and last words of its passage; the quote is cut from the letter
# between them (inclusive), so that it is verbatim.
import csv, re, sys
L = '/tmp/blind5/inputs/letters/'
def norm(s):
    return s.replace('\u2019', "'").replace('\u00a0', ' ').replace('\u202f', ' ')
def text(cand):
    t = open(L + cand + '.txt', encoding='utf-8').read()
    if cand == 'claire-montbazet':
        # the fixed-width layout: rejoin the hyphenated word and the broken lines
        t = t.replace('désimperméa-\nbiliserons', 'désimperméabiliserons')
        t = re.sub(r'(?<!\n)\n(?!\n)', ' ', t)
    return t
def cut(cand, start, end):
    t = text(cand); n = norm(t)
    i = n.find(norm(start))
    assert i >= 0 and n.find(norm(start), i + 1) < 0, (cand, start)
    j = n.find(norm(end), i)
    assert j >= 0, (cand, end)
    return t[i:j + len(end)]

R = []  # candidate, question, stance, start, end, summary, follow_up
def row(c, q, s, a, b, summ, fu=''):
    R.append((c, q, s, cut(c, a, b) if a else '', summ, fu))

c = 'helene-dartigaud'
row(c,'q1','commitment',"Nous planterons 3 000 arbres","pépinière de la métropole.","La liste planterait 3 000 arbres pendant le mandat, d'abord à la Croix-Blanche, aux Tanneries et près de la gare, en pleine terre et en essences résistantes à la sécheresse, pour atteindre 25 % de canopée en 2040.")
row(c,'q1','commitment',"Nous adopterons dès 2026 une charte","nous abandonnerons ce projet.","La liste adopterait en 2026 une charte de l'arbre (débat en conseil municipal avant l'abattage d'un arbre sain, trois arbres replantés pour un abattu) et conserverait les 48 platanes de l'avenue de la Gare en abandonnant le projet de parking souterrain.")
row(c,'q2','commitment',"Chaque été, du 15 juin","dès le déclenchement de l'alerte.","La liste ouvrirait chaque été trois salles municipales climatisées jusqu'à 21 heures pendant les alertes canicule, et le CCAS appellerait chaque jour les personnes inscrites au registre.")
row(c,'q2','commitment',"Pour rafraîchir la ville","à chaque réfection.","La liste transformerait les cours des neuf écoles en cours « oasis », à raison de deux par an, et poserait des revêtements clairs sur les places à chaque réfection.")
row(c,'q3','intent',"La compétence de l'eau appartient","premiers mètres cubes gratuits.","La liste rappelle que l'eau relève de la métropole et y demanderait une tarification sociale, avec des premiers mètres cubes gratuits.")
row(c,'q3','commitment',"À l'échelle de la commune","d'ici 2030.","La liste installerait 20 fontaines à boire, équiperait les bâtiments communaux neufs ou rénovés de cuves d'eau de pluie et remplacerait les massifs arrosés par des plantes sobres, pour réduire de moitié l'eau potable des espaces verts d'ici 2030.")
row(c,'q4','commitment',"Dès la rentrée 2026","publiés en ligne.","La liste ferait des rues des écoles Pasteur, Jean-Jaurès et Condorcet des rues scolaires dès la rentrée 2026 et installerait devant chaque école et chaque crèche des capteurs d'air et de bruit dont les relevés seraient publiés.")
row(c,'q4','intent',"Nous demanderons aussi à la métropole","au droit de l'école Pasteur.","La liste demanderait à la métropole un écran acoustique le long de la rocade, près de l'école Pasteur.")
row(c,'q5','commitment',"Nous créerons un parc de 4 hectares","plus de 90 familles.","La liste créerait un parc de 4 hectares sur la friche de l'ancienne coopérative, ouvrirait trois jardins partagés avec un animateur et réviserait avec les jardiniers le règlement des jardins familiaux pour réduire la liste d'attente.")
row(c,'q5','commitment',"Un budget participatif de 200 000 euros","par les habitants.","La liste réserverait chaque année un budget participatif de 200 000 euros à des projets de végétalisation proposés et votés par les habitants.")

c = 'yannick-le-guennec'
row(c,'q1','commitment',"ombre : un arbre planté","environ 1 500 arbres","La liste planterait un arbre pour chaque enfant né à Brémontel pendant le mandat, soit environ 1 500 arbres.")
row(c,'q2','commitment',"canicule : piscine municipale","les jours d'alerte","La liste rendrait la piscine municipale gratuite et ouverte jusqu'à 22 heures les jours d'alerte canicule.")
row(c,'q3','intent',"Pour l'eau franchement","preneurs de vos idées.","La liste indique ne pas avoir encore travaillé la question de l'eau, qui relève de la métropole.","Quelles mesures la commune pourrait-elle prendre elle-même pour économiser l'eau, recueillir l'eau de pluie et rendre l'eau accessible pendant les sécheresses ?")
row(c,'q4','commitment',"école Condorcet : on fermera","depuis des années","La liste fermerait la rue du Moulin devant l'école Condorcet aux heures d'entrée et de sortie.")
row(c,'q5','commitment',"jardins : on veut des potagers","dans chaque quartier","La liste créerait des potagers gérés par les locataires au pied des immeubles de la Croix-Blanche et installerait des composteurs collectifs dans chaque quartier.")

c = 'bernard-castagnol'
row(c,'q1','commitment',"S'agissant des arbres, nous poursuivrons","Office national des forêts.","La liste poursuivrait le plan « Brémontel ombragée » : 250 arbres par an, soit 1 500 sur le mandat.")
row(c,'q1','intent',"En revanche, nous ne prendrons pas","doit primer.","La liste refuse de s'engager à ne plus abattre d'arbres, certains étant malades ou dangereux.")
row(c,'q1','commitment',"Le parking de l'avenue de la Gare sera réalisé","mieux adaptées.","La liste réaliserait le parking de l'avenue de la Gare et remplacerait ses platanes par des essences mieux adaptées.")
row(c,'q2','intent',"Enfin, sur les canicules","si nécessaire.","La liste estime que le plan canicule actuel, avec les appels quotidiens du CCAS aux personnes inscrites sur le registre, fonctionne bien.")
row(c,'q2','commitment',"Nous ouvrirons en juillet 2026","de 2027 et de 2028.","La liste ouvrirait en juillet 2026 une salle rafraîchie à l'Espace Bellevue et débitumerait les cours des écoles Pasteur et Louise-Michel pendant les étés 2027 et 2028.")
row(c,'q3','intent',"La compétence appartient à la métropole","les plus nombreuses.","La liste rappelle que l'eau relève de la métropole et lui demanderait d'accélérer le renouvellement des canalisations dans les quartiers nord.")
row(c,'q3','commitment',"Dès l'été 2026, six fontaines","mail de l'Orsanne.","La liste installerait six fontaines à boire supplémentaires dès l'été 2026.")
row(c,'q3','intent',"Nous pourrions envisager une aide","si le budget le permet.","La liste pourrait envisager une aide à l'achat de récupérateurs d'eau de pluie, si le budget le permet.")
row(c,'q4','intent',"Les abords des écoles ont fait","tirerons les conclusions.","La liste refuse de fermer des rues aux voitures devant les écoles et ferait réaliser en 2026 une étude de la qualité de l'air autour des neuf écoles.","Quelles mesures prendriez-vous si l'étude de 2026 montrait un air dégradé devant certaines écoles ?")
row(c,'q4','commitment',"La zone 30 sera étendue","septembre 2026.","La liste étendrait la zone 30 à tout le quartier Pasteur–Jean-Jaurès avant la rentrée de septembre 2026.")
row(c,'q5','commitment',"Pour les espaces verts, le parc Bellevue","un square y sera aménagé.","La liste agrandirait le parc Bellevue de 1,5 hectare en 2027 et aménagerait un square sur la friche de la coopérative, destinée à des logements.")
row(c,'q5','intent',"Les jardins familiaux de la rue des Saules","comités de quartier.","La liste pourrait envisager de nouveaux jardins familiaux si un terrain se libère et consulterait les habitants dans les comités de quartier.")

c = 'nadia-ferrandou'
row(c,'q1','intent',"nous ne voulons pas entrer","municipalité sortante.","La liste refuse la surenchère des chiffres de plantation, des arbres plantés mourant faute d'arrosage.")
row(c,'q1','commitment',"Nous proposons :","éléments de paysage à protéger.","La liste planterait au moins un arbre devant chaque école, crèche et EHPAD d'ici la fin de 2027, ferait arroser les jeunes arbres pendant trois étés par une régie de quatre jardiniers et inscrirait les arbres d'alignement au PLU.")
row(c,'q2','intent',"les îlots de chaleur sont d'abord","de tout son poids.","La liste veut que le bailleur social isole les immeubles de la Croix-Blanche et y pose des volets, et dit que la ville l'y pousserait.")
row(c,'q2','commitment',"Nous créerons un « réseau fraîcheur »","dont nous parlons plus bas.","La liste créerait un « réseau fraîcheur » de bénévoles et d'agents qui rendraient visite aux personnes seules pendant les alertes canicule, et débitumerait en partie la dalle de la Croix-Blanche.")
row(c,'q3','intent',"l'eau est un bien commun","voteront en ce sens.","La liste demanderait que la métropole reprenne la gestion de l'eau en régie publique à la fin du contrat de délégation, en 2028.")
row(c,'q3','commitment',"En attendant, la ville prendra en charge","depuis trois ans.","La liste ferait prendre en charge par le CCAS les factures d'eau des familles les plus modestes, jusqu'à 30 mètres cubes par an, et remettrait en eau les fontaines existantes.")
row(c,'q4','commitment',"nous soutenons les rues scolaires","purificateurs d'air.","La liste construirait des rues scolaires avec les familles, école par école, à partir de la rentrée 2026, et équiperait deux crèches de purificateurs d'air.")
row(c,'q4','intent',"Nous souhaitons aussi que l'État","heures de pointe.","La liste souhaite que l'État interdise le transit des poids lourds sur la rocade aux heures de pointe.")
row(c,'q5','commitment',"la friche de la coopérative ne sera pas vendue.","appui du centre social.","La liste garderait la friche de la coopérative pour en faire, avec les habitants, un lieu de nature ouvert à tous et ouvrirait des jardins partagés sur la dalle de la Croix-Blanche.")

c = 'jean-paul-rouveliere'
row(c,'q1','absent',None,None,'',"Combien d'arbres planteriez-vous pendant le mandat, et où ? Comment protégeriez-vous les arbres existants ?")
row(c,'q2','absent',None,None,'',"Que prévoyez-vous pour protéger les habitants, notamment les plus âgés, pendant les vagues de chaleur, et pour rafraîchir le bourg ?")
row(c,'q3','intent',"Sur l'eau, je rappelle","restrictions de l'été 2025.","La liste rappelle que l'eau relève du syndicat intercommunal des eaux de la Lize, où elle défendrait les intérêts de la commune, en particulier ceux des agriculteurs.","Que ferait la commune elle-même pour économiser l'eau, recueillir l'eau de pluie et garder des points d'eau accessibles pendant les sécheresses ?")
row(c,'q4','intent',"Quant aux écoles, la sécurité","devant le groupe scolaire.","La liste ferait respecter les interdictions de stationner devant le groupe scolaire, au nom de la sécurité des enfants.","Quelles mesures prendriez-vous contre le bruit et la pollution de l'air aux abords du groupe scolaire ?")
row(c,'q5','intent',"Le fleurissement du bourg","seront entretenues.","La liste poursuivrait le fleurissement du bourg et l'entretien des haies communales.")

c = 'claire-montbazet'
row(c,'q1','commitment',"Pour les arbres, nous proposons","lors de sa révision.","La liste planterait 400 arbres en six ans, dont une centaine le long de la route de la Lize, créerait une micro-forêt derrière la salle polyvalente, inventorierait les arbres existants et protégerait les plus beaux dans le plan local d'urbanisme.")
row(c,'q2','commitment',"Le problème, ce sont","un préau végétalisé.","La liste désimperméabiliserait la cour du groupe scolaire pendant l'été 2027, avec de la pleine terre, des arbres et un préau végétalisé.")
row(c,'q2','intent',"Pour les personnes âgées, nous souhaitons","avec la paroisse.","La liste souhaite que l'église puisse accueillir les personnes âgées pendant les canicules et en parlerait avec la paroisse.")
row(c,'q3','commitment',"L'eau est notre plus grande inquiétude.","pelouses du bourg en été.","La liste remettrait en service deux fontaines à bouton poussoir, alimenterait une cuve de 30 000 litres avec l'eau du toit de la salle polyvalente et cesserait d'arroser les pelouses du bourg en été.")
row(c,'q4','intent',"Nos écoles ne sont pas au bord","sortie des classes.","La liste demanderait au département une limitation à 30 km/h dans la traversée du bourg et l'interdiction des poids lourds aux heures d'entrée et de sortie des classes.")
row(c,'q4','commitment',"De notre côté, nous créerons un pédibus","à l'écart de la route.","La liste créerait un pédibus et déplacerait l'arrêt du car scolaire sur le parking de la salle polyvalente, à l'écart de la route.")
row(c,'q5','commitment',"Le terrain de l'ancienne cure","pourra cueillir.","La liste ouvrirait une vingtaine de parcelles de jardins partagés sur le terrain de l'ancienne cure au printemps 2027, dont les habitants décideraient le règlement, et planterait un verger communal au bord de la Lize.")

c = 'olivier-pradinas'
row(c,'q1','commitment',"Notre commune a perdu plus de 200 arbres","anciennes serres municipales.","La liste planterait 600 arbres d'ici 2032, d'abord sur les parkings du centre commercial et de la gare, ferait un diagnostic sanitaire des arbres communaux dès 2026 et créerait une pépinière communale.")
row(c,'q1','commitment',"Nous encouragerons aussi les habitants","plants gratuitement.","La liste fournirait gratuitement des plants de haies champêtres aux habitants des lotissements.")
row(c,'q2','commitment',"Les vagues de chaleur sont devenues la règle.","à commencer par le gymnase.","La liste installerait des voiles d'ombrage place du Marché dès l'été 2026 et végétaliserait les toits plats des bâtiments communaux, à commencer par le gymnase.")
row(c,'q2','intent',"Nous n'installerons pas de brumisateurs","où elle manque.","La liste refuse d'installer des brumisateurs, jugés trop gourmands en eau.")
row(c,'q2','commitment',"La piscine municipale restera ouverte","plus de 70 ans.","La liste ouvrirait la piscine municipale jusqu'à 21 heures pendant les canicules, gratuitement pour les moins de 18 ans et les plus de 70 ans.")
row(c,'q2','commitment',"La cour de Jules-Ferry sera débitumée","goudron à 50 degrés.","La liste débitumerait et planterait la cour de l'école Jules-Ferry pendant l'été 2027.")
row(c,'q3','commitment',"Les restrictions de l'été 2025","participation de 20 euros.","La liste passerait les arrosages des espaces verts au goutte-à-goutte d'ici 2028 et distribuerait 300 récupérateurs d'eau de pluie pour une participation de 20 euros.")
row(c,'q4','commitment',"Le bruit et la pollution viennent","rue des Vignes.","La liste remplacerait les douze places de stationnement devant le groupe scolaire Jules-Ferry par un parvis piéton et créerait un dépose-minute rue des Vignes.")
row(c,'q5','commitment',"Nous créerons un parc de 3 hectares","deux fois par an.","La liste créerait un parc de 3 hectares aux Prés-Hauts, agrandirait de 15 parcelles les jardins familiaux du chemin des Cailloux et associerait les habitants par des balades de quartier deux fois par an.")

with open('/tmp/blind5/inputs/answers.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['candidate','question','stance','quote','summary','follow_up'])
    for r in R: w.writerow(r)
from collections import Counter
print(len(R), Counter(r[2] for r in R), sorted(Counter(r[1] for r in R if r[2]!='absent').items()))
